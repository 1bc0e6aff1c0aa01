import { useState, type FormEvent } from 'react';
import type { ExplorerState } from '../../store/create-store';
import { useExplorer } from '../../store/store-context';

const selectActions = (s: ExplorerState) => s.engineActions;
const selectNextSeq = (s: ExplorerState) => (s.frame?.packet?.seq ?? -1) + 1;

/** Type a packet of your own; it enters the trace as the next packet to reach the sequencer. */
export function PacketForm() {
  const actions = useExplorer(selectActions);
  const nextSeq = useExplorer(selectNextSeq);
  const [srcIp, setSrcIp] = useState('10.9.9.9');
  const [dstPort, setDstPort] = useState('100');
  const [proto, setProto] = useState<'TCP' | 'UDP' | 'ICMP'>('TCP');
  const [message, setMessage] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await actions?.edit({ kind: 'insert-packet', seq: nextSeq, packet: { srcIp, dstPort: Number(dstPort), proto } });
      setMessage(`Inserted as packet #${nextSeq}: step forward to watch it.`);
    } catch (e) {
      setMessage(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <form className="packet-form" aria-label="Type your own packet" onSubmit={(e) => void submit(e)}>
      <h2>Type your own packet</h2>
      <label>Source IP<input value={srcIp} onChange={(e) => setSrcIp(e.target.value)} /></label>
      <label>Dst port<input type="number" min={1} max={65535} value={dstPort} onChange={(e) => setDstPort(e.target.value)} /></label>
      <label>Protocol
        <select value={proto} onChange={(e) => setProto(e.target.value as 'TCP' | 'UDP' | 'ICMP')}>
          <option>TCP</option><option>UDP</option><option>ICMP</option>
        </select>
      </label>
      <button type="submit" disabled={!actions}>{`Insert as packet #${nextSeq}`}</button>
      {message && <p role="status" className="muted">{message}</p>}
    </form>
  );
}
