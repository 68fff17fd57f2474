import { useQueryClient } from '@tanstack/react-query';
import { DEFAULT_WORKFLOW } from '@ordo/domain/workflow';
import { useEffect, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import type { ImportFormat, ImportRequest, TImportJob } from '../../api/imports';
import { errorMessage, isApiError } from '../../api/client';
import { keys } from '../../api/keys';
import { Button } from '../../ui/Button';
import { Field } from '../../ui/Field';
import { ImportReportView } from './ImportReportView';
import { suggestFromFile } from './suggest';
import { useImportJob } from './useImportJob';
import './imports.css';

const CATEGORIES = [
  { value: 'backlog', label: 'Backlog' },
  { value: 'todo', label: 'To do' },
  { value: 'in_progress', label: 'In progress' },
  { value: 'done', label: 'Done' },
];

/** The format a file is in: a CSV is Jira's; a JSON is an Ordo export when it starts as one (ours begin with their version), else a Trello board. */
async function formatOf(file: File): Promise<ImportFormat> {
  if (!file.name.toLowerCase().endsWith('.json')) return 'jira';
  const head = await file.slice(0, 1024).text();
  return /^\s*\{\s*"ordoExport"\s*:/.test(head) ? 'ordo' : 'trello';
}

/**
 * A new product from a Jira CSV, a Trello JSON or an Ordo export: choose the file, preview what the
 * import would write (a dry run, its state mapping editable for Jira and Trello; an Ordo export
 * keeps its own workflow), then import with progress and open the board.
 */
export function ImportWizard() {
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState<ImportFormat>('jira');
  const [key, setKey] = useState('');
  const [name, setName] = useState('');
  const [archived, setArchived] = useState<'done' | 'skip'>('done');
  const [map, setMap] = useState<Record<string, string>>({});
  const preview = useImportJob();
  const run = useImportJob();
  const queryClient = useQueryClient();
  const navigate = useNavigate();

  const request = (dryRun: boolean): ImportRequest => ({
    key,
    format,
    dryRun,
    map: Object.entries(map).map(([source, target]) => `${source}=${target}`),
    // An Ordo export names its product itself.
    name: format === 'ordo' ? undefined : name.trim() || undefined,
    archived: format === 'trello' ? archived : undefined,
  });
  const startPreview = (e?: FormEvent) => {
    e?.preventDefault();
    if (!file) return;
    run.reset();
    preview.start(file, request(true));
  };

  const report = preview.job?.status === 'done' ? preview.job.report : null;

  const done = run.job?.status === 'done' && !run.job.dryRun;
  useEffect(() => {
    if (!done) return;
    void Promise.all([
      queryClient.invalidateQueries({ queryKey: keys.me }),
      queryClient.invalidateQueries({ queryKey: keys.products }),
    ]).then(() => navigate(`/p/${key}/board`));
  }, [done, key, navigate, queryClient]);

  const stateOptions =
    format === 'trello'
      ? CATEGORIES
      : (report?.byState.map((s) => ({ value: s.state, label: s.state })) ??
        DEFAULT_WORKFLOW.map((s) => ({ value: s.name, label: s.name })));
  const mapping = {
    options: stateOptions,
    value: (source: string) => {
      const m = report?.states.find((s) => s.source === source);
      return map[source] ?? (format === 'trello' ? m?.category : m?.state) ?? '';
    },
    onChange: (source: string, target: string) => setMap((m) => ({ ...m, [source]: target })),
  };
  const unmapped = preview.job?.error?.unmapped ?? null;
  const keyError = isApiError(preview.uploadError) ? preview.uploadError.fields.key : undefined;

  return (
    <div className="import">
      <form className="import-form" onSubmit={startPreview} noValidate>
        <div className="field">
          <label htmlFor="import-file">Export file</label>
          <input
            id="import-file"
            type="file"
            className="input"
            accept=".csv,.json,text/csv,application/json"
            aria-describedby="import-file-hint"
            onChange={(e) => {
              const chosen = e.target.files?.[0] ?? null;
              setFile(chosen);
              setMap({});
              preview.reset();
              if (!chosen) return;
              // The name's guess at once; reading the file's first bytes tells an Ordo export from a Trello board.
              setFormat(chosen.name.toLowerCase().endsWith('.json') ? 'trello' : 'jira');
              void formatOf(chosen).then(async (detected) => {
                setFormat(detected);
                const s = await suggestFromFile(chosen, detected);
                if (s?.key) setKey(s.key);
                if (s?.name) setName(s.name);
              });
            }}
          />
          <span id="import-file-hint" className="field-hint">
            Jira: Filters → Export → Export Excel CSV (all fields). Trello: Menu → Print, export and share → Export as JSON. Ordo: a
            product&apos;s Settings → Export → Download everything (JSON).
          </span>
        </div>
        <div className="import-row">
          <div className="field">
            <label htmlFor="import-format">Format</label>
            <select id="import-format" className="select" value={format} onChange={(e) => setFormat(e.target.value as ImportFormat)}>
              <option value="jira">Jira CSV</option>
              <option value="trello">Trello JSON</option>
              <option value="ordo">Ordo export (JSON)</option>
            </select>
          </div>
          {format === 'trello' && (
            <div className="field">
              <label htmlFor="import-archived">Archived cards</label>
              <select
                id="import-archived"
                className="select"
                value={archived}
                onChange={(e) => setArchived(e.target.value as 'done' | 'skip')}
              >
                <option value="done">Import as done</option>
                <option value="skip">Leave out</option>
              </select>
            </div>
          )}
        </div>
        <div className="import-row">
          <Field
            label="Product key"
            value={key}
            placeholder="PAY"
            className="field-key"
            maxLength={10}
            onChange={(e) => setKey(e.target.value.toUpperCase())}
            error={keyError}
            hint="A new key (or an empty product's)."
          />
          {format !== 'ordo' && (
            <Field
              label="Name"
              value={name}
              placeholder={report?.productName ?? 'From the export'}
              onChange={(e) => setName(e.target.value)}
            />
          )}
        </div>
        {unmapped && (
          <div className="field import-unmapped">
            <label htmlFor="import-unmapped">Map “{unmapped}” to</label>
            <select
              id="import-unmapped"
              className="select"
              value={map[unmapped] ?? ''}
              onChange={(e) => setMap((m) => ({ ...m, [unmapped]: e.target.value }))}
            >
              <option value="" disabled>
                Choose a state…
              </option>
              {stateOptions.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="row">
          <Button
            type="submit"
            variant={report ? 'secondary' : 'primary'}
            disabled={!file || !key}
            busy={preview.uploading || preview.job?.status === 'running'}
          >
            {report ? 'Update preview' : 'Preview'}
          </Button>
          {!file && <span className="faint">Choose a file to preview what would be imported; nothing is written until you import.</span>}
        </div>
      </form>

      <Failure upload={preview.uploadError} job={preview.job} />
      {preview.job?.status === 'running' && <Progress job={preview.job} label="Reading the file" />}

      {report && (
        <section className="import-preview" aria-labelledby="import-preview-title">
          <h2 id="import-preview-title">Preview</h2>
          <ImportReportView report={report} mapping={mapping} />
          <div className="import-go">
            <Button
              variant="primary"
              disabled={!file || run.job?.status === 'running' || done}
              busy={run.uploading || run.job?.status === 'running'}
              onClick={() => file && run.start(file, request(false))}
            >
              Import {report.counts.items.toLocaleString()} items into {key || report.productKey}
            </Button>
            <span className="faint">All or nothing: if anything fails, nothing is written.</span>
          </div>
          {run.job?.status === 'running' && <Progress job={run.job} label="Importing" />}
          <Failure upload={run.uploadError} job={run.job} />
        </section>
      )}
    </div>
  );
}

function Progress({ job, label }: { job: TImportJob; label: string }) {
  const p = job.progress;
  const share =
    p.phase === 'writing' ? Math.min(1, p.written / Math.max(1, p.toWrite)) : p.totalBytes ? Math.min(1, p.bytes / p.totalBytes) : 0;
  const text = p.phase === 'writing' ? `Writing: ${p.written.toLocaleString()} of ${p.toWrite.toLocaleString()} rows` : `${label}…`;
  return (
    <div className="import-progress" role="status">
      <progress max={1} value={share} aria-label={label} />
      <span className="muted">{text}</span>
    </div>
  );
}

function Failure({ upload, job }: { upload: Error | null; job: TImportJob | undefined }) {
  const message = upload ? errorMessage(upload) : job?.status === 'failed' ? job.error?.message : null;
  if (!message) return null;
  return (
    <div className="form-error import-error" role="alert">
      {message}
      {job?.status === 'failed' && <div className="faint">Nothing was written.</div>}
    </div>
  );
}
