#!/usr/bin/env bash
# Writes a loopback-only configuration for Janus 1.1.x (Debian package `janus`) into DIR, for the
# side-by-side benchmark (./bench.sh --target janus|both). See docs/performance.md for why each
# setting is what it is.
#
#   scripts/janus/janus-config.sh DIR HTTP_PORT AUDIO_RTP_PORT VIDEO_RTP_PORT MOUNTPOINT_ID ICE_IP \
#     [SERVER_IP]
#
# The HTTP API binds SERVER_IP:HTTP_PORT (default 127.0.0.1; admin API off), the mountpoint's RTP
# ports bind SERVER_IP, ICE gathers only on ICE_IP, and every other transport, plugin, event handler and
# logger is disabled so nothing else listens. ICE_IP cannot be 127.0.0.1: Janus never gathers
# candidates on loopback interfaces, so bench.sh runs Janus in a private network namespace with
# one extra local address (see bench.sh).
if [ "${1:-}" = --help ] || [ "${1:-}" = -h ]; then
  awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$0"
  exit 0
fi
set -euo pipefail
dir=$1 http_port=$2 audio_port=$3 video_port=$4 mountpoint=$5 ice_ip=$6 server_ip=${7:-127.0.0.1}
lib=/usr/lib/x86_64-linux-gnu/janus
[ -d "$lib" ] || lib=$(dirname "$(dpkg -L janus 2>/dev/null | grep '/janus/plugins$' | head -1)")
mkdir -p "$dir"

# Everything in a folder except the ones we keep, as Janus's "disable" list wants it.
others() {
  local keep=$1 folder=$2
  find "$folder" -maxdepth 1 -name 'libjanus_*.so' -printf '%f\n' | grep -vx "$keep" | sort | paste -sd, -
}

cat >"$dir/janus.jcfg" <<CFG
general: {
	configs_folder = "$dir"
	plugins_folder = "$lib/plugins"
	transports_folder = "$lib/transports"
	events_folder = "$lib/events"
	loggers_folder = "$lib/loggers"
	debug_level = 3
	server_name = "upcast-bench"
	session_timeout = 60
}
certificates: {
}
media: {
	rtp_port_range = "41000-49000"
}
nat: {
	nice_debug = false
	ice_lite = false
	ice_enforce_list = "$ice_ip"
	ignore_mdns = true
}
plugins: {
	disable = "$(others libjanus_streaming.so "$lib/plugins")"
}
transports: {
	disable = "$(others libjanus_http.so "$lib/transports")"
}
loggers: {
	disable = "$(others none "$lib/loggers")"
}
events: {
	broadcast = false
	disable = "$(others none "$lib/events")"
}
CFG

cat >"$dir/janus.transport.http.jcfg" <<CFG
general: {
	json = "plain"
	base_path = "/janus"
	http = true
	port = $http_port
	ip = "$server_ip"
	https = false
}
admin: {
	admin_http = false
	admin_https = false
}
CFG

# One RTP mountpoint fed by the benchmark's synthetic broadcaster: VP8 pt 96 and Opus pt 111,
# with the streaming plugin's keyframe buffer on (new viewers get the last keyframe at once).
cat >"$dir/janus.plugin.streaming.jcfg" <<CFG
general: {
	events = false
}
upcast-bench: {
	type = "rtp"
	id = $mountpoint
	description = "Upcast benchmark broadcast"
	audio = true
	video = true
	audioport = $audio_port
	audioiface = "$server_ip"
	audiopt = 111
	audiocodec = "opus"
	audiortpmap = "opus/48000/2"
	videoport = $video_port
	videoiface = "$server_ip"
	videopt = 96
	videocodec = "vp8"
	videortpmap = "VP8/90000"
	videobufferkf = true
}
CFG
