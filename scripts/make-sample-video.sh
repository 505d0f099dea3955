#!/usr/bin/env bash
# Makes the short, playable clip the emulator serves for every finished MP4 (a test pattern and a
# tone, H.264 and AAC, moov first), and writes it into emulator/jobs/sampleVideo.ts as base64 so
# the emulator needs no file beside its code. Needs Debian's ffmpeg (apt-get install ffmpeg).
# The clip is committed; run this only to change it.
set -euo pipefail
cd "$(dirname "$0")/.."
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
ffmpeg -v error -f lavfi -i "testsrc2=size=320x180:rate=12:duration=4" \
	-f lavfi -i "sine=frequency=440:duration=4:sample_rate=22050" \
	-c:v libx264 -profile:v baseline -level 3.0 -pix_fmt yuv420p -crf 38 -g 48 \
	-c:a aac -b:a 24k -ac 1 -movflags +faststart -map_metadata -1 -fflags +bitexact \
	-flags:v +bitexact -flags:a +bitexact "$out/sample.mp4"
{
	echo '// Made by scripts/make-sample-video.sh: a 4-second 320×180 test pattern with a tone (H.264, AAC).'
	echo '// Regenerate with that script; do not edit by hand.'
	echo 'export const SAMPLE_VIDEO_SECONDS = 4;'
	printf "export const SAMPLE_VIDEO_BASE64 =\n\t'%s';\n" "$(base64 -w0 "$out/sample.mp4")"
} > emulator/jobs/sampleVideo.ts
echo "emulator/jobs/sampleVideo.ts: $(stat -c %s "$out/sample.mp4") bytes of MP4"
