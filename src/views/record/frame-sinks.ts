import { GIFEncoder, applyPalette, quantize } from 'gifenc';
import { BufferTarget, CanvasSource, Mp4OutputFormat, Output, QUALITY_HIGH, WebMOutputFormat, canEncodeVideo, type VideoCodec } from 'mediabunny';
import { canvasToPng } from '../charts/export-image';
import { GIF_FPS, type RecordFormat } from './record-options';

/** Where rendered frames go: an encoder and muxer, a GIF, or a still. */
export interface FrameSink {
  /** Takes the canvas as frame `index` (waits while the encoder is busy: backpressure). */
  add(index: number): Promise<void>;
  finish(): Promise<Blob>;
  cancel(): Promise<void>;
}

/** The first codec of `codecs` this browser can encode at this size and rate, or null. */
async function firstEncodable(codecs: VideoCodec[], width: number, height: number, frameRate: number): Promise<VideoCodec | null> {
  for (const codec of codecs) if (await canEncodeVideo(codec, { width, height, frameRate, quality: QUALITY_HIGH })) return codec;
  return null;
}

/** Why this browser cannot make `format`, or null when it can (asked of WebCodecs itself). */
export async function formatProblem(format: RecordFormat, width: number, height: number, fps: number): Promise<string | null> {
  if (format === 'gif' || format === 'png') return null;
  if (typeof VideoEncoder === 'undefined') return 'This browser has no video encoder (WebCodecs); record a GIF or a still instead, or use a current Chrome, Edge or Firefox.';
  if (format === 'webm' && !(await firstEncodable(['vp9', 'vp8'], width, height, fps))) return 'This browser cannot encode VP9 or VP8, so it cannot make a WebM.';
  if (format === 'mp4' && !(await firstEncodable(['avc', 'av1'], width, height, fps))) return 'This browser cannot encode H.264 or AV1, so it cannot make an MP4; WebM works here.';
  return null;
}

/** A WebM (VP9, else VP8) or MP4 (H.264, else AV1) encoded with WebCodecs and muxed by mediabunny. */
export async function videoSink(canvas: HTMLCanvasElement, format: 'webm' | 'mp4', fps: number): Promise<FrameSink> {
  const codec = await firstEncodable(format === 'webm' ? ['vp9', 'vp8'] : ['avc', 'av1'], canvas.width, canvas.height, fps);
  if (!codec) throw new Error((await formatProblem(format, canvas.width, canvas.height, fps)) ?? `This browser cannot make a ${format.toUpperCase()}.`);
  const target = new BufferTarget();
  const output = new Output({ format: format === 'webm' ? new WebMOutputFormat() : new Mp4OutputFormat(), target });
  // Every frame a key frame would be huge; one a second keeps seeking in a slide deck quick.
  const source = new CanvasSource(canvas, { codec, bitrate: QUALITY_HIGH, keyFrameInterval: 1 });
  output.addVideoTrack(source, { frameRate: fps });
  await output.start();
  return {
    add: (index) => source.add(index / fps, 1 / fps),
    finish: async () => {
      await output.finalize();
      if (!target.buffer) throw new Error('The encoder produced no file.');
      return new Blob([target.buffer], { type: format === 'webm' ? 'video/webm' : 'video/mp4' });
    },
    cancel: () => output.cancel(),
  };
}

/** An animated GIF at half the frame's size (for chat and course pages), 256 colours a frame. */
export function gifSink(canvas: HTMLCanvasElement): FrameSink {
  const small = document.createElement('canvas');
  small.width = Math.round(canvas.width / 2);
  small.height = Math.round(canvas.height / 2);
  const context = small.getContext('2d', { willReadFrequently: true });
  if (!context) throw new Error('This browser cannot draw on a canvas.');
  const gif = GIFEncoder();
  return {
    add: async (index) => {
      context.drawImage(canvas, 0, 0, small.width, small.height);
      const { data } = context.getImageData(0, 0, small.width, small.height);
      const palette = quantize(data, 256);
      gif.writeFrame(applyPalette(data, palette), small.width, small.height, { palette, delay: Math.round(1000 / GIF_FPS), repeat: index === 0 ? 0 : undefined });
    },
    finish: async () => {
      gif.finish();
      return new Blob([gif.bytes()], { type: 'image/gif' });
    },
    cancel: async () => {},
  };
}

/** A single PNG of the frame: a still for a slide. */
export function stillSink(canvas: HTMLCanvasElement): FrameSink {
  let still: Promise<Blob> | null = null;
  return {
    add: async () => {
      still = canvasToPng(canvas);
      await still;
    },
    finish: async () => {
      if (!still) throw new Error('No frame was drawn.');
      return still;
    },
    cancel: async () => {},
  };
}
