import { useRef, useState, type ClipboardEvent, type DragEvent, type RefObject } from 'react';
import { attachmentsApi } from '../../api/attachments';
import { errorMessage } from '../../api/client';
import { useToast } from '../../ui/Toast';

/** A pasted screenshot arrives as "image.png"; a name with the time tells several apart. */
function nameOf(file: File): string {
  if (file.name && file.name !== 'image.png') return file.name;
  const stamp = new Date().toISOString().slice(0, 19).replace('T', ' ').replaceAll(':', '.');
  const ext = file.type.split('/')[1]?.replace('jpeg', 'jpg') ?? 'png';
  return `Pasted ${stamp}.${ext}`;
}

let uploads = 0;

/**
 * Files dropped, pasted or picked into a Markdown editor: each is uploaded to the item and lands in
 * the text where the caret was, first as "Uploading name…" and then as its Markdown (an image
 * inline, anything else a link). The text may change meanwhile; only the placeholder is replaced.
 */
export function useAttachmentUpload({
  itemKey,
  value,
  onChange,
  textarea,
}: {
  itemKey: string | undefined;
  value: string;
  onChange: (value: string) => void;
  textarea: RefObject<HTMLTextAreaElement | null>;
}) {
  const toast = useToast();
  const latest = useRef(value);
  latest.current = value;
  const [pending, setPending] = useState(0);
  const [dragging, setDragging] = useState(false);

  const attach = (files: File[]) => {
    if (!itemKey || files.length === 0) return;
    const el = textarea.current;
    const at = el ? el.selectionEnd : latest.current.length;
    const placeholders = files.map((f) => `[Uploading ${nameOf(f).replace(/[[\]]/g, '')} (${++uploads})…]()`);
    const text = latest.current;
    const before = text.slice(0, at);
    const lead = before && !before.endsWith('\n') ? '\n' : '';
    const inserted = lead + placeholders.join('\n') + '\n';
    const next = before + inserted + text.slice(at);
    latest.current = next;
    onChange(next);
    setPending((n) => n + files.length);
    files.forEach((file, i) => {
      const placeholder = placeholders[i]!;
      attachmentsApi
        .upload(itemKey, file, nameOf(file))
        .then(
          (a) => {
            const now = latest.current;
            const done = now.includes(placeholder) ? now.replace(placeholder, a.markdown) : `${now}\n${a.markdown}`;
            latest.current = done;
            onChange(done);
          },
          (e: unknown) => {
            const now = latest.current.replace(`${placeholder}\n`, '').replace(placeholder, '');
            latest.current = now;
            onChange(now);
            toast(`${nameOf(file)}: ${errorMessage(e)}`, { kind: 'error' });
          },
        )
        .finally(() => setPending((n) => n - 1));
    });
  };

  const filesOf = (list: DataTransfer | null) => (list ? Array.from(list.files) : []);
  return {
    enabled: !!itemKey,
    pending,
    dragging,
    attach,
    handlers: itemKey
      ? {
          onPaste: (e: ClipboardEvent<HTMLTextAreaElement>) => {
            const files = filesOf(e.clipboardData);
            if (files.length === 0) return;
            e.preventDefault();
            attach(files);
          },
          onDragOver: (e: DragEvent<HTMLTextAreaElement>) => {
            if (!e.dataTransfer.types.includes('Files')) return;
            e.preventDefault();
            e.dataTransfer.dropEffect = 'copy';
            setDragging(true);
          },
          onDragLeave: () => setDragging(false),
          onDrop: (e: DragEvent<HTMLTextAreaElement>) => {
            setDragging(false);
            const files = filesOf(e.dataTransfer);
            if (files.length === 0) return;
            e.preventDefault();
            attach(files);
          },
        }
      : {},
  };
}
