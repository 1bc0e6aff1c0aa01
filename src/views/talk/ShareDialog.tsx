import { QRCodeSVG } from 'qrcode.react';
import { useEffect, useRef, useState } from 'react';
import { linkStateOf, writeLink } from '../../share/link-state';
import type { ExplorerState } from '../../store/create-store';
import { useExplorer, useExplorerStore } from '../../store/store-context';

const selectOpen = (s: ExplorerState) => s.shareOpen;
const selectSetOpen = (s: ExplorerState) => s.setShareOpen;
/** Beyond this a QR code gets too dense to read off a projector screen. */
const MAX_QR_CHARS = 1200;

function pageAddress(): string {
  return `${window.location.origin}${window.location.pathname}`;
}

async function copyText(text: string, field: HTMLInputElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // No clipboard permission (an iframe, an old browser): select the text so Ctrl+C copies it.
    field?.focus();
    field?.select();
    return false;
  }
}

/** Share this moment: the link (copy), a QR code of it, and the code to embed it in slides. */
export function ShareDialog() {
  const open = useExplorer(selectOpen);
  const setOpen = useExplorer(selectSetOpen);
  const store = useExplorerStore();
  const dialog = useRef<HTMLDialogElement>(null);
  const linkField = useRef<HTMLInputElement>(null);
  const embedField = useRef<HTMLInputElement>(null);
  const [status, setStatus] = useState('');
  // The moment is captured when the dialog opens; the run may go on playing behind it.
  const [state, setState] = useState<ReturnType<typeof linkStateOf>>(null);

  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) {
      const now = store.getState();
      now.pause();
      setState(linkStateOf(store.getState()));
      setStatus('');
      d.showModal();
    }
    if (!open && d.open) d.close();
  }, [open, store]);

  const link = state ? `${pageAddress()}?${writeLink({ ...state, embed: false, presenter: false })}` : null;
  const embedLink = state ? `${pageAddress()}?${writeLink({ ...state, embed: true, presenter: false })}` : null;
  const embedCode = embedLink ? `<iframe src="${embedLink.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}" width="960" height="540" title="SCR Explorer" allow="fullscreen" style="border:0"></iframe>` : null;

  const copy = async (text: string, field: HTMLInputElement | null, what: string) => {
    const ok = await copyText(text, field);
    setStatus(ok ? `${what} copied.` : `Copying was not allowed here: the ${what.toLowerCase()} is selected, press Ctrl+C (⌘C) to copy it.`);
  };

  return (
    <dialog ref={dialog} className="share" aria-labelledby="share-title" onClose={() => setOpen(false)}>
      <h2 id="share-title">Share this moment</h2>
      {link === null || embedCode === null ? (
        <p>This run reads a capture file from your computer, which cannot travel in a link. Choose a generated trace to share it.</p>
      ) : (
        <div className="share-body">
          <div className="share-fields">
            <p className="muted">The link opens this run at event {state?.position.toLocaleString('en-US')}, with the same stage, speed and scene.</p>
            <label>
              Link
              <input ref={linkField} type="text" readOnly value={link} onFocus={(e) => e.currentTarget.select()} />
            </label>
            <button type="button" onClick={() => void copy(link, linkField.current, 'Link')}>Copy link</button>
            <label>
              Embed in slides (an iframe with the stage and compact controls)
              <input ref={embedField} type="text" readOnly value={embedCode} onFocus={(e) => e.currentTarget.select()} />
            </label>
            <button type="button" onClick={() => void copy(embedCode, embedField.current, 'Embed code')}>Copy embed code</button>
            <p role="status" className="share-status">{status}</p>
          </div>
          <figure className="qr">
            {link.length <= MAX_QR_CHARS ? (
              <QRCodeSVG value={link} size={208} level="M" marginSize={2} title="QR code of the link" bgColor="#ffffff" fgColor="#000000" />
            ) : (
              <p className="muted">This link is too long for a QR code that a phone could read off a projector.</p>
            )}
            <figcaption>Scan to open this moment on a phone.</figcaption>
          </figure>
        </div>
      )}
      <button type="button" onClick={() => setOpen(false)}>Close</button>
    </dialog>
  );
}
