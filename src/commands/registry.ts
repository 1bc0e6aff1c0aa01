import { SPEEDS } from '../store/playback-slice';
import { sceneIndex, TOUR } from '../tour/scenes';
import { stepScene } from '../tour/go-to-scene';
import type { Command } from './command';
import { dropPacket } from './drop-packet';
import { togglePresenter } from './presenter';

const hasRun = (store: Parameters<Command['run']>[0]) => (store.getState().run?.eventCount ?? 0) > 0;

export const COMMANDS: readonly Command[] = [
  {
    id: 'play.toggle',
    label: 'Play / Pause',
    keys: [' '],
    enabled: hasRun,
    run: (store) => {
      const s = store.getState();
      if (s.stageTechnique) return s.stagePlaying ? s.stagePause() : s.stagePlay();
      s.togglePlay();
    },
  },
  {
    id: 'step.forward',
    label: 'Step forward one event',
    // PageDown/PageUp: what a presentation clicker sends for "next" and "previous".
    keys: ['ArrowRight', 'PageDown'],
    enabled: hasRun,
    run: (store) => {
      const s = store.getState();
      if (s.stageTechnique) return s.stageStep(1);
      s.pause();
      s.seek(s.position + 1);
    },
  },
  {
    id: 'step.back',
    label: 'Step back one event',
    keys: ['ArrowLeft', 'PageUp'],
    enabled: hasRun,
    run: (store) => {
      const s = store.getState();
      if (s.stageTechnique) return s.stageStep(-1);
      s.pause();
      s.seek(s.position - 1);
    },
  },
  {
    id: 'packet.forward',
    label: 'Step forward one packet',
    keys: ['Shift+ArrowRight'],
    enabled: hasRun,
    run: (store) => store.getState().engineActions?.stepPacket(1),
  },
  {
    id: 'packet.back',
    label: 'Step back one packet',
    keys: ['Shift+ArrowLeft'],
    enabled: hasRun,
    run: (store) => store.getState().engineActions?.stepPacket(-1),
  },
  {
    id: 'packet.drop',
    label: 'Drop the next packet on its link',
    keys: ['x'],
    enabled: hasRun,
    run: (store) => void dropPacket(store, 'link'),
  },
  {
    id: 'reset',
    label: 'Reset to the start',
    keys: ['Home'],
    enabled: hasRun,
    run: (store) => {
      const s = store.getState();
      if (s.stageTechnique) {
        s.stagePause();
        return s.stageSeek(0);
      }
      s.pause();
      s.seek(0);
    },
  },
  {
    id: 'speed.up',
    label: 'Faster',
    keys: ['+', '='],
    enabled: (store) => store.getState().speedIndex < SPEEDS.length - 1,
    run: (store) => store.getState().setSpeedIndex(store.getState().speedIndex + 1),
  },
  {
    id: 'speed.down',
    label: 'Slower',
    keys: ['-'],
    enabled: (store) => store.getState().speedIndex > 0,
    run: (store) => store.getState().setSpeedIndex(store.getState().speedIndex - 1),
  },
  {
    id: 'blank.toggle',
    label: 'Pause and blank the screen (clicker); again to show it',
    // A clicker's "blank screen" button sends "." or "b", as presentation programs expect.
    keys: ['.', 'b'],
    run: (store) => store.getState().setBlanked(!store.getState().blanked),
  },
  {
    id: 'scene.next',
    label: 'Next tour scene (starts the tour)',
    keys: ['n'],
    enabled: (store) => sceneIndex(store.getState().sceneId) < TOUR.length - 1,
    run: (store) => stepScene(store, 1),
  },
  {
    id: 'scene.previous',
    label: 'Previous tour scene',
    keys: ['p'],
    enabled: (store) => sceneIndex(store.getState().sceneId) > 0,
    run: (store) => stepScene(store, -1),
  },
  {
    id: 'loop.from',
    label: 'Mark the start of a loop at the playhead',
    keys: ['['],
    enabled: hasRun,
    run: (store) => store.getState().markLoop('from', store.getState().position),
  },
  {
    id: 'loop.to',
    label: 'Mark the end of a loop at the playhead',
    keys: [']'],
    enabled: hasRun,
    run: (store) => store.getState().markLoop('to', store.getState().position),
  },
  {
    id: 'loop.toggle',
    label: 'Loop between the marks while playing (on / off)',
    keys: ['l'],
    enabled: (store) => store.getState().loop !== null,
    run: (store) => store.getState().setLooping(!store.getState().looping),
  },
  {
    id: 'presenter.toggle',
    label: 'Presenter mode: full screen, large type, high contrast',
    keys: ['f'],
    run: (store) => togglePresenter(store),
  },
  {
    id: 'share.open',
    label: 'Share this moment: link, QR code, embed code',
    keys: ['s'],
    run: (store) => store.getState().setShareOpen(true),
  },
  {
    id: 'record.open',
    label: 'Record a video of the stage (WebM, MP4, GIF or a still)',
    keys: ['r'],
    enabled: hasRun,
    run: (store) => {
      store.getState().pause();
      store.getState().setRecordOpen(true);
    },
  },
  {
    id: 'help.toggle',
    label: 'Keyboard shortcuts',
    keys: ['?'],
    run: (store) => store.getState().toggleHelp(),
  },
  {
    id: 'help.close',
    label: 'Close this panel',
    keys: ['Escape'],
    enabled: (store) => store.getState().helpOpen || store.getState().blanked,
    run: (store) => (store.getState().helpOpen ? store.getState().setHelpOpen(false) : store.getState().setBlanked(false)),
  },
  {
    id: 'charts.toggle',
    label: 'Show the charts / the details beside the stage',
    keys: ['c'],
    run: (store) => {
      const s = store.getState();
      s.setSidePane(s.sidePane === 'charts' ? 'details' : 'charts');
    },
  },
  {
    id: 'theme.cycle',
    label: 'Switch theme (system, light, dark)',
    keys: ['t'],
    run: (store) => store.getState().cycleTheme(),
  },
];

export function commandById(id: string): Command {
  const found = COMMANDS.find((c) => c.id === id);
  if (!found) throw new Error(`no command "${id}"`);
  return found;
}

/** The key as the registry writes it: "Shift+ArrowRight" for shifted named keys, else KeyboardEvent.key. */
export function keyName(event: Pick<KeyboardEvent, 'key' | 'shiftKey'>): string {
  return event.shiftKey && event.key.length > 1 ? `Shift+${event.key}` : event.key;
}

/** The command a key press triggers, if any. */
export function commandForKey(key: string): Command | undefined {
  return COMMANDS.find((c) => c.keys.includes(key));
}
