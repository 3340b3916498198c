/** What will be written: a unified diff of SCORECARD.md, additions and removals marked. */
export function CardDiff({ diff, path }: { diff: string; path: string }): React.JSX.Element {
  const lines = diff.split('\n');
  return (
    <figure className="card-diff" aria-label={`Changes to ${path}`}>
      <figcaption className="mono">{path}</figcaption>
      <pre tabIndex={0}>
        {lines.map((l, i) => {
          const kind = l.startsWith('+++') || l.startsWith('---') ? 'file' : l.startsWith('+') ? 'add' : l.startsWith('-') ? 'del' : l.startsWith('@@') ? 'hunk' : 'ctx';
          return (
            <span key={i} className={`diff-${kind}`}>
              {l || ' '}
            </span>
          );
        })}
      </pre>
    </figure>
  );
}
