# Helpers shared by services/kafka.sh, connect.sh and registry.sh (the JVM services of the estate).
# Source env.sh and lib.sh first.

# Every JVM service's jars resolve through Maven Central into the default ~/.m2, then get copied
# into $SIGHTLINE_ESTATE_CACHE/maven under a folder named after what decides their content
# (versions and the pom's hash), so install is a no-op once that folder is complete.
ESTATE_MAVEN_CACHE="$SIGHTLINE_ESTATE_CACHE/maven"
ESTATE_CONFIG_DIR="$ESTATE_ROOT/config"
ESTATE_POM_DIR="$ESTATE_ROOT/maven"
KAFKA_LOG4J_CONFIG="$ESTATE_CONFIG_DIR/log4j2.properties"

JAVA_BIN="${JAVA_HOME:+$JAVA_HOME/bin/}java"

# Kafka 4, Debezium 3 and Apicurio 3 need Java 17+; Maven resolves their jars.
ensure_java_and_maven() {
  if ! command -v "$JAVA_BIN" >/dev/null || ! command -v mvn >/dev/null; then
    log "installing a JDK and Maven from apt"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q openjdk-17-jdk-headless maven
  fi
  local major
  major="$("$JAVA_BIN" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
  ((${major%%.*} >= 17)) || die "Java 17+ is needed, found $major ($JAVA_BIN)"
}

# pom_key POM -> short hash of the pom, part of a cache folder's name
pom_key() { sha1sum "$1" | cut -c1-8; }

# maven_copy_dependencies POM DEST [-Dprop=value...] : resolve the pom's runtime jars into DEST,
# atomically (a half-finished download never looks complete).
maven_copy_dependencies() {
  local pom="$1" dest="$2"; shift 2
  [[ -f "$dest/.complete" ]] && return 0
  local tmp="$dest.partial.$$"
  rm -rf "$tmp"
  mkdir -p "$tmp"
  log "resolving $(basename "$(dirname "$pom")") jars from Maven Central into $dest"
  mvn -q -B -Dstyle.color=never -f "$pom" dependency:copy-dependencies -DincludeScope=runtime \
    -DoutputDirectory="$tmp" "$@" || { rm -rf "$tmp"; die "maven could not resolve $pom"; }
  touch "$tmp/.complete"
  rm -rf "$dest"
  mv "$tmp" "$dest"
}

# maven_copy_artifact GROUP:ARTIFACT:VERSION:TYPE[:CLASSIFIER] DEST_DIR : one artifact, no deps
maven_copy_artifact() {
  local coords="$1" dest="$2"
  mkdir -p "$dest"
  mvn -q -B -Dstyle.color=never dependency:copy -Dartifact="$coords" -DoutputDirectory="$dest" \
    -Dmdep.overWriteIfNewer=true || die "maven could not fetch $coords"
}

# The broker's and the Connect worker's classpath (same jars, one download).
KAFKA_POM="$ESTATE_POM_DIR/kafka/pom.xml"
KAFKA_LIBS="$ESTATE_MAVEN_CACHE/kafka-libs-$SIGHTLINE_KAFKA_VERSION-$(pom_key "$KAFKA_POM")"

install_kafka_libs() {
  ensure_java_and_maven
  maven_copy_dependencies "$KAFKA_POM" "$KAFKA_LIBS" -Dkafka.version="$SIGHTLINE_KAFKA_VERSION"
}

# render_template SRC DEST : replace every ${NAME} with the environment's value; an unset
# variable is an error rather than an empty string in a server's config.
render_template() {
  local src="$1" dest="$2"
  mkdir -p "$(dirname "$dest")"
  perl -pe 's{\$\{([A-Z0-9_]+)\}}{exists $ENV{$1} ? $ENV{$1} : die "unset variable $1\n"}ge' \
    "$src" >"$dest.tmp" || { rm -f "$dest.tmp"; die "cannot render $src"; }
  mv "$dest.tmp" "$dest"
  chmod 600 "$dest"
}

# refuse_busy_port NAME PORT : a port held by someone else's process is a clear error, not a hang
refuse_busy_port() {
  if port_open "$2"; then die "port $2 needed by $1 is already in use by another process"; fi
}
