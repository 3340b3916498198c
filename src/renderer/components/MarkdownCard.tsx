/** A rendered SCORECARD.md: GitHub-flavoured markdown, front matter shown folded. */
import Markdown from 'react-markdown';
import remarkGfm from 'remark-gfm';
// The same splitter the scorecard parser uses (BOM, a '...' closer), without the yaml package.
import { splitFrontMatter } from '../../core/scorecard/split';

export function MarkdownCard({ markdown }: { markdown: string }): React.JSX.Element {
  const split = splitFrontMatter(markdown);
  const frontMatter = split ? split.yaml.replace(/\r?\n$/, '') : null;
  const body = split ? split.body : markdown;
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
