/** A rendered SCORECARD.md: GitHub-flavoured markdown, front matter shown folded. */
import Markdown from 'react-markdown';
import remarkGfm from 'remark-gfm';

export function splitFrontMatter(text: string): { frontMatter: string | null; body: string } {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(text);
  return m ? { frontMatter: m[1] ?? '', body: text.slice(m[0].length) } : { frontMatter: null, body: text };
}

export function MarkdownCard({ markdown }: { markdown: string }): React.JSX.Element {
  const { frontMatter, body } = splitFrontMatter(markdown);
  return (
    <article className="markdown-card" aria-label="SCORECARD.md">
      <Markdown remarkPlugins={[remarkGfm]} skipHtml>
        {body}
      </Markdown>
      {frontMatter !== null && (
        <details className="front-matter">
          <summary>Front matter (YAML)</summary>
          <pre>{frontMatter}</pre>
        </details>
      )}
    </article>
  );
}
