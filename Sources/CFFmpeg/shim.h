#ifndef HESP_CFFMPEG_SHIM_H
#define HESP_CFFMPEG_SHIM_H
// Umbrella header of FFmpeg 5.1 (libavformat 59, libavcodec 59, libavfilter 8, libavutil 57,
// libswscale 6, libswresample 4)
// plus inline re-exports of the macros Swift cannot import.
#include <errno.h>
#include <libavcodec/avcodec.h>
#include <libavfilter/avfilter.h>
#include <libavfilter/buffersink.h>
#include <libavfilter/buffersrc.h>
#include <libavformat/avformat.h>
#include <libavutil/avutil.h>
#include <libavutil/display.h>
#include <libavutil/error.h>
#include <libavutil/imgutils.h>
#include <libavutil/opt.h>
#include <libavutil/channel_layout.h>
#include <libavutil/pixdesc.h>
#include <libavutil/time.h>
#include <libavutil/samplefmt.h>
#include <libswresample/swresample.h>
#include <libswscale/swscale.h>

static inline int hesp_averror_eagain(void) { return AVERROR(EAGAIN); }
static inline int hesp_averror_eof(void) { return AVERROR_EOF; }
static inline int hesp_averror_invaliddata(void) { return AVERROR_INVALIDDATA; }
static inline int hesp_averror(int posix_errno) { return AVERROR(posix_errno); }
static inline int hesp_averror_stream_not_found(void) { return AVERROR_STREAM_NOT_FOUND; }
static inline int64_t hesp_nopts_value(void) { return AV_NOPTS_VALUE; }
/// av_err2str without the compound literal: writes into buf (>= AV_ERROR_MAX_STRING_SIZE bytes).
static inline const char *hesp_err2str(int errnum, char *buf, size_t size) {
  return av_make_error_string(buf, size, errnum);
}
// Log capture (HESPFFmpeg's DecoderErrorLog): Swift cannot write a C variadic callback, so this
// trampoline formats error-level lines and hands them to a plain C function pointer.
#include <stdarg.h>
#include <stdio.h>
typedef void (*hesp_log_line_callback)(void *avcl, int level, const char *line);
static hesp_log_line_callback hesp_log_line_target = 0;
static inline void hesp_log_trampoline(void *avcl, int level, const char *fmt, va_list args) {
  if (level > AV_LOG_ERROR || hesp_log_line_target == 0 || fmt == 0) return;
  char line[512];
  vsnprintf(line, sizeof line, fmt, args);
  hesp_log_line_target(avcl, level, line);
}
static inline void hesp_log_install(hesp_log_line_callback target) {
  hesp_log_line_target = target;
  av_log_set_callback(hesp_log_trampoline);
}
#endif
