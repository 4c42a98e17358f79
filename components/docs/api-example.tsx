import { CopyButton } from "@/components/ui/copy-button";
import type { ApiExample } from "@/lib/api/reference";

const CODE = "whitespace-pre-wrap break-all rounded-md bg-muted p-3 font-mono text-xs";

/** A request, and the API's answer when the example has one; each with a copy button named after the example. */
export function ApiExampleBlock({ example, headingLevel = 3 }: { example: ApiExample; headingLevel?: 3 | 4 }) {
  const Heading = headingLevel === 3 ? "h3" : "h4";
  const { answer } = example;
  return (
    <div id={example.id} className="min-w-0 scroll-mt-4 space-y-2 text-sm">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <Heading className="font-semibold">{example.title}</Heading>
        <CopyButton text={example.request} label="Copy" context={`example: ${example.title}`} toastMessage="Example copied" />
      </div>
      <pre className={CODE}>{example.request}</pre>
      {answer ? (
        <>
          <div className="flex flex-wrap items-center justify-between gap-2">
            <p className="text-fg-muted">
              Answers <span className="font-mono text-fg">{answer.status}</span>
              {answer.body === null ? ", with no body" : ":"}
            </p>
            {answer.body === null ? null : (
              <CopyButton text={answer.body} label="Copy" context={`response: ${example.title}`} toastMessage="Response copied" />
            )}
          </div>
          {answer.body === null ? null : <pre className={CODE}>{answer.body}</pre>}
        </>
      ) : null}
    </div>
  );
}
