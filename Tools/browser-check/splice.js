'use strict';
// See splice.html for the parameters. Everything here is plain ES2020 without dependencies.

const params = new URLSearchParams(location.search);
const logLines = [];
function log(line) {
  logLines.push(line);
  document.getElementById('log').textContent = logLines.join('\n');
  console.log(line);
}

/** Fills `{initId}` / `{segmentId}` (with optional zero padding, `{segmentId:06d}`). */
function fillPattern(pattern, name, number) {
  const placeholder = new RegExp(`\\{${name}(?::0?(\\d+)d)?\\}`);
  return pattern.replace(placeholder, (_, width) => String(number).padStart(Number(width || 0), '0'));
}

/**
 * What to fetch. Manifest mode (`manifest`, `track`, `frame`): URLs resolved as a HESP player
 * does (draft -06 §3.4: manifest URL, contentBaseUrl, Presentation, Switching Set and Track
 * baseUrl, then the pattern), codecs from the manifest, and only the init packet (it carries the
 * CMAF header). File mode (`base`, `init`, `header`, `pattern`, `codecs`): as given.
 */
async function plan() {
  const control = params.get('control') === '1';
  if (params.has('manifest')) {
    const manifestUrl = new URL(params.get('manifest'), location.href).href;
    const response = await fetch(manifestUrl, { cache: 'no-store' });
    if (!response.ok) throw new Error(`${manifestUrl}: HTTP ${response.status}`);
    const manifest = await response.json();
    const trackId = params.get('track');
    for (const presentation of manifest.presentations || []) {
      for (const set of presentation.video || []) {
        const track = (set.tracks || []).find((t) => t.id === trackId);
        if (!track) continue;
        let base = manifestUrl;
        for (const level of [manifest.contentBaseUrl, presentation.baseUrl, set.baseUrl, track.baseUrl]) {
          if (level !== undefined) base = new URL(level, base).href;
        }
        const initPattern = track.initializationPattern || set.initializationPattern;
        const sequenceNumber = (track.startSequenceNumber || 0) + Number(params.get('frame'));
        return {
          base,
          init: fillPattern(initPattern, 'initId', sequenceNumber),
          header: control ? 'header.mp4' : (params.get('header') || ''),
          pattern: track.continuationPattern || set.continuationPattern,
          codecs: track.codecs,
          mimeType: track.mimeType || set.mimeType || 'video/mp4',
          control,
        };
      }
    }
    throw new Error(`manifest has no video track '${trackId}'`);
  }
  return {
    base: new URL(params.get('base') || '.', location.href).href,
    init: params.get('init'),
    header: params.has('header') ? params.get('header') : 'header.mp4',
    pattern: params.get('pattern') || 'content-{segmentId}.m4s',
    codecs: params.get('codecs'),
    mimeType: 'video/mp4',
    control,
  };
}

async function fetchBytes(url, fromByte) {
  const headers = fromByte ? { Range: `bytes=${fromByte}-9007199254740991` } : {};
  const response = await fetch(url, { headers, cache: 'no-store' });
  if (response.status === 404) return null;
  // An offset at the very end of a segment (the last frame's init packet in packages made
  // before issue 14; now it carries {}): nothing follows.
  if (response.status === 416 && fromByte) return new Uint8Array(0);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  let bytes = new Uint8Array(await response.arrayBuffer());
  // A server without Range support answers 200 with the whole file: cut it here.
  if (fromByte && response.status === 200) bytes = bytes.subarray(fromByte);
  return bytes;
}

/** Top-level ISO-BMFF boxes: [{type, start, end, headerSize}]. */
// The ISO-BMFF reader is the player's (Sources/HESPServer/Player/mp4.js, served at /player/).
const { topLevelBoxes, sampleTimes, initData } = window.hespMP4;

/** The media timescale of a CMAF header (moov/trak/mdia/mdhd). */
function mediaTimescale(bytes) {
  const timescale = window.hespMP4.mediaTimescale(bytes);
  if (timescale === null) throw new Error('header has no moov/trak/mdia/mdhd');
  return timescale;
}

/** avc1.PPCCLL from the first avcC box found in a header. */
function codecsFromHeader(bytes) {
  for (let i = 4; i + 4 < bytes.length; i++) {
    if (bytes[i] === 0x61 && bytes[i + 1] === 0x76 && bytes[i + 2] === 0x63 && bytes[i + 3] === 0x43) {
      const hex = (b) => b.toString(16).padStart(2, '0');
      return `avc1.${hex(bytes[i + 5])}${hex(bytes[i + 6])}${hex(bytes[i + 7])}`;
    }
  }
  throw new Error('header has no avcC box');
}

function append(sourceBuffer, bytes) {
  return new Promise((resolvePromise, reject) => {
    const done = () => { cleanup(); resolvePromise(); };
    const failed = () => { cleanup(); reject(new Error('SourceBuffer error while appending')); };
    const cleanup = () => {
      sourceBuffer.removeEventListener('updateend', done);
      sourceBuffer.removeEventListener('error', failed);
    };
    sourceBuffer.addEventListener('updateend', done);
    sourceBuffer.addEventListener('error', failed);
    sourceBuffer.appendBuffer(bytes);
  });
}

function rangesOf(timeRanges) {
  const ranges = [];
  for (let i = 0; i < timeRanges.length; i++) ranges.push([timeRanges.start(i), timeRanges.end(i)]);
  return ranges;
}

async function run() {
  const result = { errors: [], control: params.get('control') === '1', init: params.get('init') };
  const video = document.getElementById('video');
  try {
    const what = await plan();
    const resolve = (name) => new URL(name, what.base).href;
    result.init = resolve(what.init);
    result.mode = params.has('manifest') ? 'manifest' : 'files';
    const pattern = what.pattern;
    const maxSegments = Number(params.get('segments') || 1000);
    const header = what.header ? await fetchBytes(resolve(what.header)) : null;
    if (what.header && !header) throw new Error(`${resolve(what.header)}: not found`);
    const initPacket = await fetchBytes(resolve(what.init));
    if (!initPacket) throw new Error(`${resolve(what.init)}: not found`);
    const target = initData(initPacket);
    result.initData = target;
    const codecs = what.codecs || codecsFromHeader(header || initPacket);
    const mime = `${what.mimeType}; codecs="${codecs}"`;
    result.mimeType = mime;
    result.isTypeSupported = MediaSource.isTypeSupported(mime);

    const mediaSource = new MediaSource();
    video.src = URL.createObjectURL(mediaSource);
    await new Promise((r) => mediaSource.addEventListener('sourceopen', r, { once: true }));
    const sourceBuffer = mediaSource.addSourceBuffer(mime);

    if (header) await append(sourceBuffer, header);
    const timescale = mediaTimescale(header || initPacket);
    if (result.control && !header) throw new Error('a control run needs the header');
    let expectedTicks = [];
    if (!result.control) {
      await append(sourceBuffer, initPacket);
      expectedTicks = expectedTicks.concat(sampleTimes(initPacket));
    }
    result.spliceStartSeconds = video.buffered.length ? video.buffered.start(0) : null;
    const segments = [];
    for (let id = target.index; target.index !== null && id < target.index + maxSegments; id++) {
      const name = fillPattern(pattern, 'segmentId', id);
      const bytes = await fetchBytes(resolve(name), id === target.index ? target.offset : 0);
      if (!bytes) break;
      if (bytes.length) await append(sourceBuffer, bytes);
      expectedTicks = expectedTicks.concat(sampleTimes(bytes));
      segments.push({ name, byteCount: bytes.length, fromByte: id === target.index ? target.offset : 0 });
    }
    result.segments = segments;
    result.expectedFrames = expectedTicks.length;
    result.expectedTicks = expectedTicks;
    result.timescale = timescale;
    mediaSource.endOfStream();
    result.buffered = rangesOf(video.buffered);
    log(`appended: ${JSON.stringify(result.buffered)}, expecting ${result.expectedFrames} frames`);

    if (video.buffered.length) {
      // Every frame the compositor presents, by media time (requestVideoFrameCallback).
      const presented = [];
      if (video.requestVideoFrameCallback) {
        const onFrame = (now, metadata) => {
          presented.push(metadata.mediaTime);
          video.requestVideoFrameCallback(onFrame);
        };
        video.requestVideoFrameCallback(onFrame);
      }
      result.presentedMediaTimes = presented;
      // Every wait below is bounded by one deadline, so the page always reports.
      const timeoutMs = Number(params.get('timeoutMs') || 120000);
      const deadline = new Promise((r) => setTimeout(() => r('timeout'), timeoutMs));
      const ended = new Promise((r) => video.addEventListener('ended', () => r('ended'), { once: true }));
      const seeked = new Promise((r) => video.addEventListener('seeked', () => r('seeked'), { once: true }));
      result.stage = 'seek';
      video.currentTime = video.buffered.start(0);
      if (await Promise.race([seeked, deadline]) === 'seeked') {
        video.playbackRate = Number(params.get('rate') || 1);
        result.playbackRate = video.playbackRate;
        result.stage = 'play';
        const playing = video.play().then(() => 'playing');
        if (await Promise.race([playing, ended, deadline]) !== 'timeout') {
          result.stage = 'playback';
          result.ended = await Promise.race([ended, deadline]) === 'ended';
        }
      }
      if (result.ended) delete result.stage;
      result.ended = result.ended === true;
    } else {
      result.ended = false;
    }
  } catch (error) {
    result.errors.push(String(error && error.message || error));
  }
  if (video.error) result.errors.push(`media error ${video.error.code}: ${video.error.message}`);
  // Appended frames the compositor never presented (media times in ticks of the track).
  if (result.presentedMediaTimes && result.timescale) {
    const presentedTicks = new Set(result.presentedMediaTimes.map((t) => Math.round(t * result.timescale)));
    const near = (ticks) => [...presentedTicks].some((p) => Math.abs(p - ticks) <= result.timescale / 1000);
    result.notPresentedSeconds = (result.expectedTicks || []).filter((ticks) => !near(ticks))
      .map((ticks) => ticks / result.timescale);
    result.presentedFrames = presentedTicks.size;
    const times = result.presentedMediaTimes;
    result.firstPresentedSeconds = times.length ? Math.min(...times) : null;
    result.lastPresentedSeconds = times.length ? Math.max(...times) : null;
  }
  delete result.expectedTicks;
  delete result.presentedMediaTimes;
  const quality = video.getVideoPlaybackQuality();
  result.totalVideoFrames = quality.totalVideoFrames;
  result.droppedVideoFrames = quality.droppedVideoFrames;
  result.corruptedVideoFrames = quality.corruptedVideoFrames || 0;
  result.currentTime = video.currentTime;
  result.userAgent = navigator.userAgent;
  const json = JSON.stringify(result);
  log(`RESULT ${json}`);
  document.title = `RESULT ${json}`;
  const report = params.get('report');
  if (report) await fetch(report, { method: 'POST', body: json, headers: { 'Content-Type': 'application/json' } });
}

run();
