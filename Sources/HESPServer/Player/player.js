'use strict';
// The hesp reference player: plain JavaScript and Media Source Extensions, no dependencies.
// Joins through an init packet and the continuation (a Range from the packet's offset),
// plays a live stream (streamType "live": joins at init-now, appends each continuation chunk as
// it arrives on the held-open response, shows its live latency from the chunks' prft boxes and
// the server's /time), switches rendition at any frame p with init packet p of the new track and its continuation
// from p+1 (seeking to p, or with ?switch=continuous at a frame past Chromium's read-ahead), runs a throughput ABR unless told not to (?abr=off), shows an overlay, and exposes
// window.hespPlayer: tracks(), switchTo(id), stats(), setABR(on), ready (a Promise).
(function () {
  const params = new URLSearchParams(location.search);
  const video = document.getElementById('video');
  const overlay = document.getElementById('overlay');
  const mp4 = window.hespMP4;
  const forwardBufferSeconds = Number(params.get('buffer') || 6);
  const errors = [];
  const switches = [];
  let tracks = [];
  let current = null;
  let session = null;
  let generation = 0;
  let pending = null;
  let mediaSource = null;
  let sourceBuffer = null;
  let currentMime = '';
  let abrEnabled = params.get('abr') !== 'off';
  let live = false;
  // Live: the newest prft seen (wall-clock ms of a media time) and the server clock's offset.
  let lastPrft = null;
  let clockOffsetMs = 0;
  let lastABRSwitch = 0;
  let throughputBitsPerSecond = null;
  let initFetchMs = 20;
  // Chromium's pipeline has read about 7 frames past the playhead out of the SourceBuffer
  // (renderer queue + threaded decoder): new frames appended there are not decoded until the
  // next keyframe. A switch either seeks to the init packet's frame (?switch=seek, the default:
  // the pipeline restarts at its IDR) or picks a frame past what was read (?switch=continuous).
  const seekOnSwitch = params.get('switch') !== 'continuous';
  const readAheadFrames = 8;

  const events = [];
  /** A short history for stats(): what was appended and removed, with the buffer after it. */
  function note(what) {
    const ranges = [];
    for (let i = 0; video && i < video.buffered.length; i++) {
      ranges.push(`${video.buffered.start(i).toFixed(3)}-${video.buffered.end(i).toFixed(3)}`);
    }
    events.push(`${(performance.now() / 1000).toFixed(3)} t=${video.currentTime.toFixed(3)} ${what} [${ranges.join(' ')}]`);
    if (events.length > 100) events.shift();
  }

  function fail(error) {
    const message = String((error && error.message) || error);
    errors.push(message);
    console.error('hesp player:', message);
  }

  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

  /** Fills `{initId}` / `{segmentId}` (with optional zero padding, `{segmentId:06d}`). */
  function fill(pattern, name, number) {
    return pattern.replace(new RegExp(`\\{${name}(?::0?(\\d+)d)?\\}`), (_, width) =>
      String(number).padStart(Number(width || 0), '0'));
  }

  /** Video tracks of the first Presentation with their URLs resolved as the draft says. */
  function readTracks(manifest, manifestUrl) {
    const presentation = (manifest.presentations || [])[0];
    if (!presentation) throw new Error('the manifest has no presentation');
    const found = [];
    for (const set of presentation.video || []) {
      for (const track of set.tracks || []) {
        let base = manifestUrl;
        for (const level of [manifest.contentBaseUrl, presentation.baseUrl, set.baseUrl, track.baseUrl]) {
          if (level !== undefined) base = new URL(level, base).href;
        }
        const rate = track.frameRate || set.frameRate || { value: 30 };
        const fps = rate.value / (rate.scale || 1);
        const bounds = presentation.timeBounds || {};
        const startSequenceNumber = track.startSequenceNumber || 0;
        const frames = bounds.endTime !== undefined
          ? Math.floor(((bounds.endTime - (bounds.startTime || 0)) / (bounds.scale || 1)) * fps + 1e-6) : Infinity;
        found.push({
          id: track.id, bandwidth: track.bandwidth, width: track.resolution.width, height: track.resolution.height,
          mime: `${track.mimeType || set.mimeType || 'video/mp4'}; codecs="${track.codecs || set.codecs}"`,
          base, fps, startSequenceNumber, lastFrame: frames - 1, startSegmentId: track.startSegmentId || 0,
          initPattern: track.initializationPattern || set.initializationPattern,
          continuationPattern: track.continuationPattern || set.continuationPattern,
        });
      }
    }
    if (!found.length) throw new Error('the manifest has no video track');
    return found.sort((a, b) => a.bandwidth - b.bandwidth);
  }

  const initUrl = (track, frame) => new URL(
    fill(track.initPattern, 'initId', frame === 'now' ? 'now' : track.startSequenceNumber + frame), track.base).href;
  const segmentUrl = (track, id) => new URL(fill(track.continuationPattern, 'segmentId', id), track.base).href;

  /** Bytes of a resource (from `fromByte` with the draft's open Range); null on 404. */
  async function fetchBytes(url, fromByte, signal) {
    const headers = fromByte ? { Range: `bytes=${fromByte}-9007199254740991` } : {};
    const started = performance.now();
    const response = await fetch(url, { headers, signal });
    if (response.status === 404) return null;
    if (response.status === 416 && fromByte) return new Uint8Array(0);  // the offset is the end
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    let bytes = new Uint8Array(await response.arrayBuffer());
    if (fromByte && response.status === 200) bytes = bytes.subarray(fromByte);
    const seconds = Math.max(0.001, (performance.now() - started) / 1000);
    const sample = (bytes.length * 8) / seconds;
    throughputBitsPerSecond = throughputBitsPerSecond === null ? sample : 0.7 * throughputBitsPerSecond + 0.3 * sample;
    return bytes;
  }

  /**
   * Live: a continuation read as it arrives (the server holds the response open and feeds it
   * chunk by chunk); each piece is handed to `onPiece` at once. False on 404.
   */
  async function streamBytes(url, fromByte, signal, onPiece) {
    const headers = fromByte ? { Range: `bytes=${fromByte}-9007199254740991` } : {};
    const response = await fetch(url, { headers, signal });
    if (response.status === 404) return false;
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return true;
      notePrft(value);
      await onPiece(value);
    }
  }

  /** Remembers the last prft of a piece (NTP wall clock of a media time). */
  function notePrft(bytes) {
    if (!current) return;
    for (const box of mp4.topLevelBoxes(bytes)) {
      if (box.type !== 'prft') continue;
      const view = new DataView(bytes.buffer, bytes.byteOffset + box.start + box.headerSize);
      const version = view.getUint8(0);
      const seconds = view.getUint32(8) - 2208988800 + view.getUint32(12) / 4294967296;
      const media = version === 1 ? Number(view.getBigUint64(16)) : view.getUint32(16);
      lastPrft = { wallMs: seconds * 1000, mediaSeconds: media / current.timescale };
    }
  }

  /** Live latency: the server's now minus the wall-clock time of the frame on screen. */
  function liveLatencyMs() {
    if (!live || !lastPrft) return null;
    const shownWallMs = lastPrft.wallMs + (video.currentTime - lastPrft.mediaSeconds) * 1000;
    return Math.round(Date.now() + clockOffsetMs - shownWallMs);
  }

  async function syncClock(manifest, manifestUrl) {
    const source = manifest.timeSource;
    if (!source || !source.value) return;
    const started = Date.now();
    const response = await fetch(new URL(source.value, manifestUrl).href);
    const server = Date.parse(await response.text());
    if (!Number.isNaN(server)) clockOffsetMs = server - (started + Date.now()) / 2;
  }

  // SourceBuffer operations, one at a time.
  let queue = Promise.resolve();
  function exclusive(work) {
    const run = queue.then(work);
    queue = run.catch(() => {});
    return run;
  }
  function bufferOperation(start) {
    return new Promise((resolve, reject) => {
      const done = () => { cleanup(); resolve(); };
      const failed = () => { cleanup(); reject(new Error('SourceBuffer error')); };
      const cleanup = () => {
        sourceBuffer.removeEventListener('updateend', done);
        sourceBuffer.removeEventListener('error', failed);
      };
      sourceBuffer.addEventListener('updateend', done);
      sourceBuffer.addEventListener('error', failed);
      try { start(); } catch (error) { cleanup(); reject(error); }
    });
  }
  const append = (bytes) => bufferOperation(() => sourceBuffer.appendBuffer(bytes));
  const remove = (from, to) => bufferOperation(() => sourceBuffer.remove(from, to));

  function bufferedAheadSeconds() {
    const time = video.currentTime;
    for (let i = 0; i < video.buffered.length; i++) {
      if (video.buffered.start(i) <= time + 0.05 && time < video.buffered.end(i)) return video.buffered.end(i) - time;
    }
    return 0;
  }

  /**
   * Starts `track` at frame `frame`: init packet, then the continuation from its initdata
   * (index, offset). When switching, what is buffered from the packet's time on is removed first.
   */
  async function startTrack(track, frame, switching) {
    const mine = ++generation;
    const started = performance.now();
    const packet = await fetchBytes(initUrl(track, frame));
    if (!packet) throw new Error(`init packet ${frame} of ${track.id}: not found`);
    initFetchMs = 0.7 * initFetchMs + 0.3 * (performance.now() - started);
    if (mine !== generation) return null;  // a later switch took over
    const target = mp4.initData(packet);
    track.timescale = mp4.mediaTimescale(packet);
    const startSeconds = mp4.firstDecodeTime(packet) / track.timescale;
    await exclusive(async () => {
      if (mine !== generation) return;
      if (!sourceBuffer) {
        sourceBuffer = mediaSource.addSourceBuffer(track.mime);
        currentMime = track.mime;
      } else if (track.mime !== currentMime) {
        sourceBuffer.changeType(track.mime);
        currentMime = track.mime;
      }
      if (switching && video.buffered.length && video.buffered.end(video.buffered.length - 1) > startSeconds) {
        await remove(startSeconds, Infinity);
        note(`removed from ${startSeconds.toFixed(3)}`);
      }
      await append(packet);
      // A live stream does not start at 0: the first packet's time is where playback begins.
      if ((switching && seekOnSwitch) || (live && !switching)) video.currentTime = startSeconds;
      note(`init ${track.id} frame ${frame} at ${startSeconds.toFixed(3)} -> segment ${target.index} offset ${target.offset}`);
      current = track;
      session = { track, segment: target.index, offset: target.offset, active: true, controller: new AbortController() };
      if (pending && pending.generation === mine) pending.startSeconds = startSeconds;
      continuation(session);
    });
    return startSeconds;
  }

  /** Fetches and appends the continuation of a session until it is stopped or ends. */
  async function continuation(s) {
    while (s.active) {
      if (bufferedAheadSeconds() > forwardBufferSeconds) { await sleep(100); continue; }
      if (live) {
        let found;
        try {
          found = await streamBytes(segmentUrl(s.track, s.segment), s.offset, s.controller.signal, (piece) =>
            exclusive(async () => { if (s.active) await append(piece); }));
        } catch (error) {
          if (s.active) fail(error);
          return;
        }
        if (!found) {  // the stream ended
          await exclusive(() => { if (s.active && mediaSource.readyState === 'open') mediaSource.endOfStream(); });
          return;
        }
        note(`${s.track.id} segment ${s.segment} from ${s.offset} (live)`);
        s.segment += 1;
        s.offset = 0;
        continue;
      }
      let bytes;
      try {
        bytes = await fetchBytes(segmentUrl(s.track, s.segment), s.offset, s.controller.signal);
      } catch (error) {
        if (s.active) fail(error);
        return;
      }
      if (!s.active) return;
      if (bytes === null) {  // past the last segment
        await exclusive(() => { if (s.active && mediaSource.readyState === 'open') mediaSource.endOfStream(); });
        return;
      }
      if (bytes.length) {
        try {
          await exclusive(async () => {
            if (!s.active) return;
            await append(bytes);
            note(`${s.track.id} segment ${s.segment} from ${s.offset}: ${bytes.length} B`);
          });
        } catch (error) {
          fail(error);
          return;
        }
      }
      s.segment += 1;
      s.offset = 0;
      decideABR();
    }
  }

  function frameAt(seconds, track) { return Math.floor(seconds * track.fps + 1e-6); }

  /** Switches to track `id` at the first frame the new init packet can still make in time. */
  function switchTo(id, reason) {
    const track = tracks.find((t) => t.id === id);
    if (!track) return Promise.reject(new Error(`no track ${id}`));
    if (track === current && !pending) return Promise.resolve(null);
    const callTime = performance.now();
    if (session) { session.active = false; session.controller.abort(); }
    // Frames the init packet and its append take, plus one, ahead of the playhead.
    const margin = params.has('margin') ? Number(params.get('margin'))
      : seekOnSwitch ? Math.max(1, Math.ceil((initFetchMs / 1000) * track.fps))
        : readAheadFrames + Math.ceil((initFetchMs / 1000) * track.fps);
    const frame = Math.min(frameAt(video.currentTime, track) + margin, track.lastFrame);
    pending = { from: current ? current.id : null, to: id, frame, callTime, reason: reason || 'api', generation: generation + 1, startSeconds: null };
    return startTrack(track, frame, true).catch(fail);
  }

  function decideABR() {
    if (!abrEnabled || pending || throughputBitsPerSecond === null || performance.now() - lastABRSwitch < 2000) return;
    let choice = tracks[0];
    for (const track of tracks) if (track.bandwidth <= 0.7 * throughputBitsPerSecond) choice = track;
    if (choice !== current) {
      lastABRSwitch = performance.now();
      switchTo(choice.id, 'abr');
    }
  }

  /** Every presented frame: the first one at or after a pending switch's frame lands it. */
  function onFrame(now, metadata) {
    if (pending && pending.startSeconds !== null && current && current.id === pending.to
        && metadata.mediaTime >= pending.startSeconds - 0.5 / current.fps) {
      switches.push({
        from: pending.from, to: pending.to, frame: pending.frame, reason: pending.reason,
        latencyMs: Math.round((metadata.presentationTime - pending.callTime) * 10) / 10,
      });
      pending = null;
    }
    video.requestVideoFrameCallback(onFrame);
  }

  function stats() {
    const quality = video.getVideoPlaybackQuality();
    return {
      currentTrack: current ? current.id : null,
      switches: switches.map((s) => ({ ...s })),
      errors: errors.slice(),
      pendingSwitch: pending ? pending.to : null,
      droppedVideoFrames: quality.droppedVideoFrames,
      totalVideoFrames: quality.totalVideoFrames,
      currentTime: video.currentTime,
      live,
      liveLatencyMs: liveLatencyMs(),
      bufferedAheadSeconds: bufferedAheadSeconds(),
      playing: !video.paused && !video.ended,
      ended: video.ended,
      abr: abrEnabled,
      throughputBitsPerSecond,
      events: events.slice(),
    };
  }

  function drawOverlay() {
    const s = stats();
    const last = switches[switches.length - 1];
    overlay.textContent = [
      `track   ${current ? `${current.id} (${current.width}x${current.height})` : '-'}`,
      `buffer  ${s.bufferedAheadSeconds.toFixed(2)} s`,
      live ? `latency ${s.liveLatencyMs === null ? '-' : `${s.liveLatencyMs} ms`} (live)` : '',
      `switch  ${last ? `${last.latencyMs} ms (${last.from} -> ${last.to} at frame ${last.frame})` : '-'}`,
      `ABR     ${abrEnabled ? 'on' : 'off'}, ${throughputBitsPerSecond ? (throughputBitsPerSecond / 1e6).toFixed(1) : '-'} Mb/s`,
      `frames  ${s.totalVideoFrames} decoded, ${s.droppedVideoFrames} dropped`,
      errors.length ? `error   ${errors[errors.length - 1]}` : '',
    ].filter(Boolean).join('\n');
    for (const button of document.querySelectorAll('#controls button[data-track]')) {
      button.className = current && button.dataset.track === current.id ? 'current' : '';
    }
  }

  function drawControls() {
    const controls = document.getElementById('controls');
    for (const track of tracks) {
      const button = document.createElement('button');
      button.textContent = track.id;
      button.dataset.track = track.id;
      button.onclick = () => switchTo(track.id, 'button');
      controls.appendChild(button);
    }
    const label = document.createElement('label');
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.checked = abrEnabled;
    box.onchange = () => { abrEnabled = box.checked; };
    label.append(box, ' ABR');
    controls.appendChild(label);
  }

  async function start() {
    if (!params.get('manifest')) {
      document.getElementById('usage').hidden = false;
      overlay.textContent = 'no manifest';
      return;
    }
    const manifestUrl = new URL(params.get('manifest'), location.href).href;
    const response = await fetch(manifestUrl);
    if (!response.ok) throw new Error(`${manifestUrl}: HTTP ${response.status}`);
    const manifest = await response.json();
    tracks = readTracks(manifest, manifestUrl);
    live = manifest.streamType === 'live';
    if (live) {
      // Joins at now; throughput of a held-open response is the encoder's rate, not the link's.
      if (params.get('abr') !== 'on') abrEnabled = false;
      await syncClock(manifest, manifestUrl).catch(fail);
    }
    drawControls();
    video.addEventListener('error', () => fail(`video error ${video.error && video.error.code}: ${video.error && video.error.message}`));
    mediaSource = new MediaSource();
    video.src = URL.createObjectURL(mediaSource);
    await new Promise((resolve) => mediaSource.addEventListener('sourceopen', resolve, { once: true }));
    const first = tracks.find((t) => t.id === params.get('track')) || tracks[0];
    await startTrack(first, live ? 'now' : Number(params.get('frame') || 0), false);
    video.requestVideoFrameCallback(onFrame);
    await video.play();
  }

  setInterval(drawOverlay, 250);
  const ready = start().catch((error) => { fail(error); });
  window.hespPlayer = {
    tracks: () => tracks.map((t) => t.id),
    switchTo: (id) => switchTo(id, 'api'),
    stats,
    setABR: (on) => { abrEnabled = Boolean(on); },
    ready,
  };
})();
