'use strict';
// See splice.html for the parameters. Everything here is plain ES2020 without dependencies.

const params = new URLSearchParams(location.search);
const logLines = [];
function log(line) {
  logLines.push(line);
  document.getElementById('log').textContent = logLines.join('\n');
  console.log(line);
}

function resolve(name) {
  return new URL(name, new URL(params.get('base') || '.', location.href)).href;
}

async function fetchBytes(url, fromByte) {
  const headers = fromByte ? { Range: `bytes=${fromByte}-9007199254740991` } : {};
  const response = await fetch(url, { headers, cache: 'no-store' });
  if (response.status === 404) return null;
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  let bytes = new Uint8Array(await response.arrayBuffer());
  // A server without Range support answers 200 with the whole file: cut it here.
  if (fromByte && response.status === 200) bytes = bytes.subarray(fromByte);
  return bytes;
}

/** Top-level ISO-BMFF boxes: [{type, start, end, headerSize}]. */
function topLevelBoxes(bytes) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const boxes = [];
  let position = 0;
  while (position + 8 <= bytes.length) {
    let size = view.getUint32(position);
    const type = String.fromCharCode(...bytes.subarray(position + 4, position + 8));
    let headerSize = 8;
    if (size === 1) {
      size = Number(view.getBigUint64(position + 8));
      headerSize = 16;
    } else if (size === 0) {
      size = bytes.length - position;
    }
    if (size < headerSize || position + size > bytes.length) {
      throw new Error(`box '${type}' at byte ${position}: size ${size} is invalid`);
    }
    boxes.push({ type, start: position, end: position + size, headerSize });
    position += size;
  }
  if (position !== bytes.length) throw new Error(`truncated box header at byte ${position}`);
  return boxes;
}

function readCString(bytes, position) {
  const end = bytes.indexOf(0, position);
  if (end < 0) throw new Error('emsg string without NUL');
  return [new TextDecoder().decode(bytes.subarray(position, end)), end + 1];
}

/** The initdata event of an init packet: {index, offset}. */
function initData(bytes) {
  for (const box of topLevelBoxes(bytes)) {
    if (box.type !== 'emsg') continue;
    const body = bytes.subarray(box.start + box.headerSize, box.end);
    if (body[0] !== 0) continue;
    let [scheme, position] = readCString(body, 4);
    let value;
    [value, position] = readCString(body, position);
    if (scheme !== 'urn:theo:hesp:2020' || value !== 'initdata') continue;
    const json = JSON.parse(new TextDecoder().decode(body.subarray(position + 16)));
    return { index: json.index, offset: json.offset || 0 };
  }
  throw new Error('init packet has no urn:theo:hesp:2020 initdata emsg');
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

function countChunks(bytes) {
  return topLevelBoxes(bytes).filter((box) => box.type === 'moof').length;
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
    const headerName = params.has('header') ? params.get('header') : 'header.mp4';
    const pattern = params.get('pattern') || 'content-{segmentId}.m4s';
    const maxSegments = Number(params.get('segments') || 1000);
    const header = headerName ? await fetchBytes(resolve(headerName)) : null;
    const initPacket = await fetchBytes(resolve(params.get('init')));
    if (!initPacket) throw new Error(`${params.get('init')}: not found`);
    const target = initData(initPacket);
    result.initData = target;
    const codecs = params.get('codecs') || codecsFromHeader(header || initPacket);
    const mime = `video/mp4; codecs="${codecs}"`;
    result.mimeType = mime;
    result.isTypeSupported = MediaSource.isTypeSupported(mime);

    const mediaSource = new MediaSource();
    video.src = URL.createObjectURL(mediaSource);
    await new Promise((r) => mediaSource.addEventListener('sourceopen', r, { once: true }));
    const sourceBuffer = mediaSource.addSourceBuffer(mime);

    if (header) await append(sourceBuffer, header);
    let expectedFrames = 0;
    if (!result.control) {
      await append(sourceBuffer, initPacket);
      expectedFrames += countChunks(initPacket);
    }
    result.spliceStartSeconds = video.buffered.length ? video.buffered.start(0) : null;
    const segments = [];
    for (let id = target.index; id < target.index + maxSegments; id++) {
      const name = pattern.replace(/\{segmentId(?::0?(\d+)d)?\}/, (_, width) => String(id).padStart(Number(width || 0), '0'));
      const bytes = await fetchBytes(resolve(name), id === target.index ? target.offset : 0);
      if (!bytes) break;
      await append(sourceBuffer, bytes);
      expectedFrames += countChunks(bytes);
      segments.push({ name, byteCount: bytes.length, fromByte: id === target.index ? target.offset : 0 });
    }
    result.segments = segments;
    result.expectedFrames = expectedFrames;
    mediaSource.endOfStream();
    result.buffered = rangesOf(video.buffered);
    log(`appended: ${JSON.stringify(result.buffered)}, expecting ${expectedFrames} frames`);

    if (video.buffered.length) {
      video.currentTime = video.buffered.start(0);
      await new Promise((r) => video.addEventListener('seeked', r, { once: true }));
      const timeoutMs = Number(params.get('timeoutMs') || 30000);
      const ended = new Promise((r) => video.addEventListener('ended', () => r(true), { once: true }));
      const timeout = new Promise((r) => setTimeout(() => r(false), timeoutMs));
      await video.play();
      result.ended = await Promise.race([ended, timeout]);
    } else {
      result.ended = false;
    }
  } catch (error) {
    result.errors.push(String(error && error.message || error));
  }
  if (video.error) result.errors.push(`media error ${video.error.code}: ${video.error.message}`);
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
