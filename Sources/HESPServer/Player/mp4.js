'use strict';
// ISO-BMFF reading the player needs: top-level boxes, the media timescale of a CMAF header,
// sample decode times of moof boxes, and the HESP initdata emsg of an init packet. Also loaded by
// the splice check page (Tools/browser-check), so there is one reader.
(function () {
  function topLevelBoxes(bytes) {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const boxes = [];
    let position = 0;
    while (position + 8 <= bytes.length) {
      let size = view.getUint32(position);
      const type = String.fromCharCode(...bytes.subarray(position + 4, position + 8));
      let headerSize = 8;
      if (size === 1) { size = Number(view.getBigUint64(position + 8)); headerSize = 16; }
      else if (size === 0) size = bytes.length - position;
      if (size < headerSize || position + size > bytes.length) break;
      boxes.push({ type, start: position, end: position + size, headerSize });
      position += size;
    }
    return boxes;
  }

  function childBoxes(bytes, box) {
    const offset = box.start + box.headerSize;
    return topLevelBoxes(bytes.subarray(offset, box.end))
      .map((child) => ({ ...child, start: child.start + offset, end: child.end + offset }));
  }

  function findPath(bytes, boxes, path) {
    let found = null;
    for (const type of path) {
      found = boxes.find((box) => box.type === type);
      if (!found) return null;
      boxes = childBoxes(bytes, found);
    }
    return found;
  }

  /** The media timescale of a CMAF header (moov/trak/mdia/mdhd), or null. */
  function mediaTimescale(bytes) {
    const mdhd = findPath(bytes, topLevelBoxes(bytes), ['moov', 'trak', 'mdia', 'mdhd']);
    if (!mdhd) return null;
    const view = new DataView(bytes.buffer, bytes.byteOffset + mdhd.start + mdhd.headerSize);
    return view.getUint32(view.getUint8(0) === 1 ? 20 : 12);
  }

  /** Decode time (ticks) of the first sample of the first moof, or null. */
  function firstDecodeTime(bytes) {
    const tfdt = findPath(bytes, topLevelBoxes(bytes), ['moof', 'traf', 'tfdt']);
    if (!tfdt) return null;
    const view = new DataView(bytes.buffer, bytes.byteOffset + tfdt.start + tfdt.headerSize);
    return view.getUint8(0) === 1 ? Number(view.getBigUint64(4)) : view.getUint32(4);
  }

  /** Decode time (ticks) of every sample in the moofs of `bytes` (tfdt + trun durations). */
  function sampleTimes(bytes) {
    const times = [];
    for (const moof of topLevelBoxes(bytes).filter((box) => box.type === 'moof')) {
      const traf = childBoxes(bytes, moof).find((box) => box.type === 'traf');
      const children = childBoxes(bytes, traf);
      const tfdt = children.find((box) => box.type === 'tfdt');
      const trun = children.find((box) => box.type === 'trun');
      const tfdtView = new DataView(bytes.buffer, bytes.byteOffset + tfdt.start + tfdt.headerSize);
      let time = tfdtView.getUint8(0) === 1 ? Number(tfdtView.getBigUint64(4)) : tfdtView.getUint32(4);
      const view = new DataView(bytes.buffer, bytes.byteOffset + trun.start + trun.headerSize);
      const flags = view.getUint32(0) & 0xffffff;
      const count = view.getUint32(4);
      let position = 8 + (flags & 0x1 ? 4 : 0) + (flags & 0x4 ? 4 : 0);
      const fieldBytes = [0x100, 0x200, 0x400, 0x800].filter((flag) => flags & flag).length * 4;
      for (let i = 0; i < count; i++) {
        times.push(time);
        if (!(flags & 0x100)) throw new Error('trun without per-sample durations is not supported here');
        time += view.getUint32(position);
        position += fieldBytes;
      }
    }
    return times;
  }

  function readCString(bytes, position) {
    const end = bytes.indexOf(0, position);
    if (end < 0) throw new Error('emsg string without NUL');
    return [new TextDecoder().decode(bytes.subarray(position, end)), end + 1];
  }

  /** The initdata event of an init packet (urn:theo:hesp:2020): {index, offset}; index null for
   * the last frame's `{}` (nothing follows it). */
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
      return { index: json.index === undefined ? null : json.index, offset: json.offset || 0 };
    }
    throw new Error('init packet has no urn:theo:hesp:2020 initdata emsg');
  }

  window.hespMP4 = { topLevelBoxes, childBoxes, findPath, mediaTimescale, firstDecodeTime, sampleTimes, initData };
})();
