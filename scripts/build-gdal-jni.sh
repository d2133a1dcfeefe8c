#!/usr/bin/env bash
# The GDAL JNI library (libgdalalljni.so), which Debian does not ship: SWIG wrappers generated from
# the interface files of the distribution's own GDAL source package, compiled against its
# libgdal. Used by `make setup` (scripts/setup.sh) and by the Dockerfile's build stage.
# Usage: build-gdal-jni.sh <output dir> [source dir]; skips the build when the output dir already
# holds a library for the installed GDAL version.
set -euo pipefail
jni_dir=${1:?output directory}
src_dir=${2:-$jni_dir/../gdal-src}
say()  { printf '  [gdal-jni] %s\n' "$*"; }
if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
gdal_version=$(gdal-config --version)
if [ -f "$jni_dir/libgdalalljni.so" ] && [ "$(cat "$jni_dir/VERSION" 2>/dev/null)" = "$gdal_version" ]; then
  say "GDAL $gdal_version JNI library present in $jni_dir"
else
  say "building libgdalalljni.so for GDAL $gdal_version"
  mkdir -p "$src_dir" "$jni_dir"
  if ! ls "$src_dir"/gdal_*.orig.tar.* >/dev/null 2>&1; then
    if ! grep -rqs 'deb-src' /etc/apt/sources.list /etc/apt/sources.list.d/ ; then
      codename=$(. /etc/os-release && echo "${VERSION_CODENAME}")
      say "adding a deb-src entry for $codename"
      if [ -f /etc/os-release ] && grep -qi ubuntu /etc/os-release; then
        printf 'Types: deb-src\nURIs: http://archive.ubuntu.com/ubuntu\nSuites: %s %s-updates\nComponents: main universe\nSigned-By: /usr/share/keyrings/ubuntu-archive-keyring.gpg\n' "$codename" "$codename" \
          | $SUDO tee /etc/apt/sources.list.d/geoetl-deb-src.sources >/dev/null
      else
        printf 'Types: deb-src\nURIs: http://deb.debian.org/debian\nSuites: %s %s-updates\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' "$codename" "$codename" \
          | $SUDO tee /etc/apt/sources.list.d/geoetl-deb-src.sources >/dev/null
      fi
    fi
    $SUDO apt-get update -qq
    # apt's sandbox user must be able to write here, or apt warns and falls back to root
    chmod 777 "$src_dir"
    (cd "$src_dir" && apt-get source --download-only -qq gdal >/dev/null 2>&1)
  fi
  tarball=$(ls "$src_dir"/gdal_*.orig.tar.* | head -n 1)
  rm -rf "$src_dir/tree" && mkdir -p "$src_dir/tree"
    # the interface files plus the C headers they include by relative path (../../ogr/…)
  tar -xf "$tarball" -C "$src_dir/tree" --strip-components=1 --wildcards \
      '*/swig/include' '*/ogr/*.h' '*/gcore/*.h' '*/port/*.h' '*/alg/*.h' '*/apps/*.h'
  inc="$src_dir/tree/swig/include"
  gen="$src_dir/gen" && rm -rf "$gen" && mkdir -p "$gen/java"
  javac_path=$(readlink -f "$(command -v javac)")
  jdk_home=${JAVA_HOME:-$(dirname "$(dirname "$javac_path")")}
  swig_flags=(-java -I"$inc" -I"$inc/java" -I/usr/include/gdal)
  build_log="$gen/build.log"
  if ! (
    set -e
      swig "${swig_flags[@]}" -package org.gdal.gdalconst -outdir "$gen/java" -o "$gen/gdalconst_wrap.c" "$inc/gdalconst.i"
      for m in gdal ogr osr; do
        swig -c++ "${swig_flags[@]}" -package "org.gdal.$m" -outdir "$gen/java" -o "$gen/${m}_wrap.cpp" "$inc/$m.i"
      done
      cflags=(-O2 -fPIC -I/usr/include/gdal -I"$jdk_home/include" -I"$jdk_home/include/linux")
      gcc "${cflags[@]}" -c "$gen/gdalconst_wrap.c" -o "$gen/gdalconst_wrap.o"
      for m in gdal ogr osr; do g++ "${cflags[@]}" -c "$gen/${m}_wrap.cpp" -o "$gen/${m}_wrap.o"; done
      g++ -shared -o "$jni_dir/libgdalalljni.so" "$gen"/*.o -lgdal
  ) >"$build_log" 2>&1; then
    tail -n 40 "$build_log" >&2; echo "GDAL JNI build failed; full log: $build_log" >&2; exit 1
  fi
  echo "$gdal_version" > "$jni_dir/VERSION"
  say "built $jni_dir/libgdalalljni.so"
fi

