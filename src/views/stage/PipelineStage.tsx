/**
 * The stage: traffic source -> sequencer -> cores -> verdicts. For now a still drawing of the
 * pipeline the explorer will animate; it scales with the window (viewBox) and stays legible.
 */
const CORES = [0, 1, 2, 3];

export function PipelineStage() {
  const coreY = (c: number) => 70 + c * 95;
  return (
    <svg className="pipeline" viewBox="0 0 1000 460" role="img" aria-labelledby="pipeline-title pipeline-desc">
      <title id="pipeline-title">The SCR pipeline</title>
      <desc id="pipeline-desc">
        Packets arrive at a sequencer, which sends them round-robin to four cores, each carrying the recent packet
        history. Each core keeps its own replica of the state and gives each packet a verdict.
      </desc>
      <g className="node source">
        <rect x="20" y="185" width="150" height="90" rx="12" />
        <text x="95" y="225">Traffic</text>
        <text x="95" y="252" className="sub">packets in</text>
      </g>
      <g className="node sequencer">
        <rect x="250" y="150" width="190" height="160" rx="12" />
        <text x="345" y="200">Sequencer</text>
        <text x="345" y="228" className="sub">numbers packets,</text>
        <text x="345" y="252" className="sub">keeps a history ring</text>
        {[0, 1, 2].map((i) => (
          <rect key={i} className="ring-cell" x={293 + i * 38} y="268" width="30" height="24" rx="4" />
        ))}
      </g>
      {CORES.map((c) => (
        <g key={c}>
          <path className="link" d={`M440 230 C 515 230, 515 ${coreY(c) + 35}, 590 ${coreY(c) + 35}`} />
          <g className="node core">
            <rect x="590" y={coreY(c)} width="240" height="70" rx="12" />
            <text x="710" y={coreY(c) + 31}>{`Core ${c}`}</text>
            <text x="710" y={coreY(c) + 55} className="sub">own replica of the state</text>
          </g>
          <path className="link" d={`M830 ${coreY(c) + 35} L 880 ${coreY(c) + 35}`} />
        </g>
      ))}
      <path className="link" d="M170 230 L 250 230" />
      <g className="node sink">
        <rect x="880" y="70" width="100" height="355" rx="12" />
        <text x="930" y="240">PASS</text>
        <text x="930" y="272">DROP</text>
      </g>
    </svg>
  );
}
