import { useState, type FormEvent } from 'react';
import type { ExplorerState } from '../../store/create-store';
import { useExplorer } from '../../store/store-context';
import { insertionPoint } from './insertion-point';

const selectActions = (s: ExplorerState) => s.engineActions;
// A packet lost before the sequencer has no number (-1): the next one is still the frame's event's.
const selectNextSeq = (s: ExplorerState) => (s.frame?.packet && s.frame.packet.seq >= 0 ? s.frame.packet.seq + 1 : (s.frame?.event?.seq ?? 0));
const selectPackets = (s: ExplorerState) => s.run?.packets ?? 0;

/** Type a packet of your own; it enters the trace as the next packet to reach the sequencer. */
export function PacketForm() {
  const actions = useExplorer(selectActions);
  const nextSeq = useExplorer(selectNextSeq);
  const [srcIp, setSrcIp] = useState('10.9.9.9');
  const [dstPort, setDstPort] = useState('100');
  const [proto, setProto] = useState<'TCP' | 'UDP' | 'ICMP'>('TCP');
  const [message, setMessage] = useState<string | null>(null);
  const packets = useExplorer(selectPackets);
  const [lastTyped, setLastTyped] = useState<number | null>(null);
  const at = Math.min(packets, insertionPoint(nextSeq, lastTyped));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await actions?.edit({ kind: 'insert-packet', seq: at, packet: { srcIp, dstPort: Number(dstPort), proto } });
      setMessage(`Inserted as packet #${at}: step forward to watch it.`);
      setLastTyped(at);
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
      <button type="submit" disabled={!actions}>{`Insert as packet #${at}`}</button>
      {message && <p role="status" className="muted">{message}</p>}
    </form>
  );
}
