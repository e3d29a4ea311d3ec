#!/usr/bin/env bash
# Lays out the files the container image holds beside Jib's classpath layers (Jib adds OUT as an extra directory):
#   /opt/portcullis/runtime   a Java runtime cut by jlink to the modules jdeps finds on the runtime classpath
#   /opt/portcullis/etc       jvm.options (the launcher's own file, cli/jvm.options)
#   /etc/portcullis           the example configuration (dist/etc/portcullis), served by the default command
#   /var/lib/portcullis, /tmp state and temporary files
# and, when the base is scratch, what a base image would bring: the shared libraries the runtime and Netty's native
# libraries link against (as ldd resolves them on this machine, with the dynamic loader), /etc/passwd and /etc/group
# naming the image's user, /etc/nsswitch.conf, the C.UTF-8 locale. docs/decisions/1900-container-image.md says why.
#
# usage: image-root.sh OUT BASE JAVA_HOME DIST_DIR CLASSPATH
set -euo pipefail
out=$1 base=$2 java_home=$3 dist=$4 classpath=$5
root_dir="$(cd "$dist/.." && pwd)"
jdk=$java_home
[ -x "$jdk/bin/jlink" ] || jdk="$(dirname "$java_home")"   # java.home of a JDK 8-style layout points at its jre/

rm -rf "$out" && mkdir -p "$out/opt/portcullis/etc" "$out/etc" "$out/var/lib/portcullis" "$out/tmp"

# Modules: what jdeps reads in the classes, plus the one only looked up as a security provider at run time:
# jdk.crypto.ec (SunEC: ECDSA and Ed25519 for JWTs, TLS and audit signatures).
jars=$(tr ':' ' ' <<<"$classpath")
# shellcheck disable=SC2086
found=$("$jdk/bin/jdeps" --multi-release 17 --ignore-missing-deps --print-module-deps --class-path "$classpath" $jars \
  2>/dev/null | tail -1)
modules="$found,jdk.crypto.ec"
echo "image-root: runtime modules $modules"
"$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages --compress=2 \
  --output "$out/opt/portcullis/runtime"
echo "$modules" > "$out/opt/portcullis/runtime/modules.txt"

cp "$root_dir/cli/jvm.options" "$out/opt/portcullis/etc/jvm.options"
cp -r "$dist/etc/portcullis" "$out/etc/portcullis"

if [ "$base" != scratch ]; then
  exit 0
fi

# The desktop libraries java.desktop brings (java.beans is all that is used of it) are never loaded headless.
natives=$(find "$out/opt/portcullis/runtime" -name '*.so' \
  | grep -Ev '/lib(awt|awt_xawt|awt_headless|fontmanager|javajpeg|jawt|jsound|lcms|mlib_image|splashscreen)\.so$')
# Netty's native libraries (epoll, BoringSSL) are unpacked from their jars at run time.
command -v unzip >/dev/null || { echo "image-root: unzip is needed to read Netty's native libraries" >&2; exit 1; }
netty=$(mktemp -d)
trap 'rm -rf "$netty"' EXIT
for jar in $jars; do
  case "$jar" in *netty-transport-native-epoll*|*netty-tcnative*)
    unzip -q -o "$jar" "META-INF/native/*linux_$(uname -m | sed 's/aarch64/aarch_64/').so" -d "$netty" 2>/dev/null || true ;;
  esac
done
# shellcheck disable=SC2046
libs=$(ldd "$out/opt/portcullis/runtime/bin/java" $natives $(find "$netty" -name '*linux*.so') 2>/dev/null \
  | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// && $2 ~ /^\(/ { print $1 }' \
  | grep -v "^$out" | sort -u)
for lib in $libs; do
  mkdir -p "$out$(dirname "$lib")"
  cp -L "$lib" "$out$lib"
done
echo "image-root: $(wc -w <<<"$libs") shared libraries from this machine: $(tr '\n' ' ' <<<"$libs")"

cat > "$out/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/sbin/nologin
portcullis:x:10001:10001:Portcullis:/var/lib/portcullis:/sbin/nologin
PASSWD
cat > "$out/etc/group" <<'GROUP'
root:x:0:
portcullis:x:10001:
GROUP
echo 'hosts: files dns' > "$out/etc/nsswitch.conf"
# The C.UTF-8 locale (LANG in the image's environment): without it Java writes non-ASCII output as '?'.
locale=/usr/lib/locale/C.utf8
if [ -d "$locale" ]; then
  mkdir -p "$out/usr/lib/locale" && cp -r "$locale" "$out/usr/lib/locale/"
else
  echo "image-root: warning: $locale is missing on this machine; the image will print non-ASCII text as '?'" >&2
fi
