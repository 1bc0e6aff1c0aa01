import { commandById } from '../../commands/registry';
import type { ExplorerState } from '../../store/create-store';
import { SPEEDS, speedLabel } from '../../store/playback-slice';
import { useExplorer, useExplorerStore } from '../../store/store-context';
import { LoopMarks } from '../talk/LoopMarks';
import { Icon } from './icons';
import type { ReactNode } from 'react';

const selectPlaying = (s: ExplorerState) => s.playing;
const selectPosition = (s: ExplorerState) => s.position;
const selectEventCount = (s: ExplorerState) => s.run?.eventCount ?? 0;
const selectSpeed = (s: ExplorerState) => s.speedIndex;
// A packet lost before the sequencer has no number (-1): the position names none.
const selectPacket = (s: ExplorerState) => s.frame?.packet?.seq;
const selectTheme = (s: ExplorerState) => s.theme;

/** Playback controls: every button runs a command from the registry and shows its shortcut. */
export function ControlBar() {
  const store = useExplorerStore();
  const playing = useExplorer(selectPlaying);
  const position = useExplorer(selectPosition);
  const eventCount = useExplorer(selectEventCount);
  const speedIndex = useExplorer(selectSpeed);
  const packet = useExplorer(selectPacket);
  const theme = useExplorer(selectTheme);
  const noRun = eventCount === 0;

  const button = (id: string, label: string, text: ReactNode, keyText: string) => {
    const command = commandById(id);
    return (
      <button type="button" aria-label={label} title={`${command.label} (${keyText})`} disabled={noRun && id !== 'theme.cycle' && id !== 'help.toggle'}
        aria-keyshortcuts={command.keys.join(' ')} onClick={() => command.run(store)}>
        {text}
      </button>
    );
  };

  return (
    <nav className="control-bar" aria-label="Playback">
      <div className="transport">
        {button('reset', 'Reset', <Icon name="reset" />, 'Home')}
        {button('packet.back', 'Step back one packet', <Icon name="packetBack" />, 'Shift+←')}
        {button('step.back', 'Step back', <Icon name="back" />, '←')}
        {button('play.toggle', playing ? 'Pause' : 'Play', playing ? <><Icon name="pause" /> Pause</> : <><Icon name="play" /> Play</>, 'Space')}
        {button('step.forward', 'Step forward', <Icon name="forward" />, '→')}
        {button('packet.forward', 'Step forward one packet', <Icon name="packetForward" />, 'Shift+→')}
      </div>
      <label className="speed">
        <span>Speed</span>
        <input
          type="range" aria-label="Speed" min={0} max={SPEEDS.length - 1} step={1} value={speedIndex}
          aria-valuetext={speedLabel(speedIndex)}
          onChange={(e) => store.getState().setSpeedIndex(Number(e.target.value))}
        />
        <output>{speedLabel(speedIndex)}</output>
      </label>
      <label className="timeline">
        <span className="visually-hidden">Timeline</span>
        <span className="timeline-track">
          <input
            type="range" aria-label="Timeline" min={0} max={Math.max(eventCount, 0)} step={1} value={position} disabled={noRun}
            aria-valuetext={`event ${position} of ${eventCount}`}
            onChange={(e) => {
              store.getState().pause();
              store.getState().seek(Number(e.target.value));
            }}
          />
          <LoopMarks />
        </span>
        <output data-testid="position">{`event ${position.toLocaleString('en-US')} / ${eventCount.toLocaleString('en-US')}${packet !== undefined && packet >= 0 ? ` · #${packet}` : ''}`}</output>
      </label>
      <div className="misc">
        {button('theme.cycle', `Theme: ${theme}`, `Theme: ${theme}`, 't')}
        {button('help.toggle', 'Keyboard shortcuts', '?', '?')}
      </div>
    </nav>
  );
}
