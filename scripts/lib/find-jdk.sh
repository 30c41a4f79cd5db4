# shellcheck shell=sh
# Sourced by ./mvnw and ./theater: exports JAVA_HOME pointing at a JDK >= 21.
# Order: $JAVA_HOME if it is new enough, then `java` on PATH, then the usual install folders.
# Prints a clear message (Korean first, then English) and exits 1 when none is found.

theater_java_major() {
  # $1: path to a java executable; prints its major version (17, 21, 25 ...) or nothing.
  # The JDK's release file says it without starting a JVM (0.1-0.5 s each) and, read with shell builtins only,
  # without a process at all: this runs before every ./theater command.
  release="${1%/bin/java}/release"
  if [ -f "$release" ]; then
    while IFS= read -r line || [ -n "$line" ]; do
      case "$line" in
        JAVA_VERSION=*)
          version=${line#JAVA_VERSION=\"}
          version=${version#1.}
          major=${version%%[!0-9]*}
          if [ -n "$major" ]; then
            echo "$major"
            return
          fi ;;
      esac
    done <"$release"
  fi
  "$1" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}

theater_jdk_ok() {
  # $1: a candidate JAVA_HOME. True when it holds javac and java >= 21; THEATER_JAVA_MAJOR is then its version.
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 1
  major=$(theater_java_major "$1/bin/java")
  [ -n "$major" ] && [ "$major" -ge 21 ] || return 1
  export THEATER_JAVA_MAJOR="$major" # read by ./theater
}

theater_find_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && theater_jdk_ok "$JAVA_HOME"; then
    return 0
  fi
  if command -v java >/dev/null 2>&1; then
    on_path=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
    if theater_jdk_ok "$on_path"; then
      JAVA_HOME=$on_path; export JAVA_HOME; return 0
    fi
  fi
  for candidate in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* \
                   /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    if [ -d "$candidate" ] && theater_jdk_ok "$candidate"; then
      JAVA_HOME=$candidate; export JAVA_HOME; return 0
    fi
  done
  {
    echo "오류: JDK 21 이상을 찾지 못했습니다. JDK 21+를 설치하고 JAVA_HOME을 그 경로로 지정하세요."
    echo "error: no JDK 21 or newer found. Install JDK 21+ and point JAVA_HOME at it."
    [ -n "${JAVA_HOME:-}" ] && echo "       (JAVA_HOME=$JAVA_HOME is older than 21 or is not a JDK)"
  } >&2
  return 1
}
