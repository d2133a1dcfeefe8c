#!/usr/bin/env bash
# Idempotent provisioning of everything GeoETL needs on Debian/Ubuntu:
# PostgreSQL 15 + PostGIS 3, GDAL (+ its JNI library compiled from the distribution's source),
# Node.js/npm (for Azurite). Prints what it did and skips what is already there.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
local_dir="$here/.local"
jni_dir="$local_dir/gdal-jni"
db_user=${GEOETL_DB_USER:-geoetl}
db_password=${GEOETL_DB_PASSWORD:-geoetl}
databases=${GEOETL_DATABASES:-"geoetl geoetl_test geoetl_test_rebuild"}
# the business databases (seed EN2): output tables only, written by a role that owns no schema
business_databases=${GEOETL_BUSINESS_DATABASES:-"geoetl_business geoetl_test_business"}
business_user=${GEOETL_BUSINESS_DB_USER:-geoetl_writer}
business_password=${GEOETL_BUSINESS_DB_PASSWORD:-geoetl_writer}

say()  { printf '  [setup] %s\n' "$*"; }
if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi; }

# ---- 1. distribution packages --------------------------------------------------------------
packages=(postgresql postgresql-contrib postgresql-15-postgis-3 gdal-bin libgdal-dev swig
          build-essential openjdk-17-jdk-headless maven curl jq bc ca-certificates xz-utils)
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "installing packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  say "packages present (PostgreSQL, PostGIS, GDAL, swig, JDK, Maven)"
fi

# ---- 2. GDAL JNI library (Debian ships none) -----------------------------------------------
bash "$here/scripts/build-gdal-jni.sh" "$jni_dir" "$local_dir/gdal-src"

# ---- 3. PostgreSQL running, role and databases ---------------------------------------------
pg_version=15
if ! pg_lsclusters -h 2>/dev/null | awk '{print $1" "$2" "$4}' | grep -q "^$pg_version main online"; then
  if ! pg_lsclusters -h 2>/dev/null | grep -q "^$pg_version main"; then
    say "creating PostgreSQL $pg_version cluster"; $SUDO pg_createcluster "$pg_version" main >/dev/null
  fi
  say "starting PostgreSQL $pg_version"
  $SUDO pg_ctlcluster "$pg_version" main start
else
  say "PostgreSQL $pg_version running"
fi
for _ in $(seq 1 30); do as_postgres psql -qAtc 'select 1' >/dev/null 2>&1 && break; sleep 1; done
if [ "$(as_postgres psql -qAtc "select 1 from pg_roles where rolname='$db_user'")" != "1" ]; then
  say "creating role $db_user"
  as_postgres psql -qc "create role \"$db_user\" login password '$db_password'"
fi
for db in $databases; do
  if [ "$(as_postgres psql -qAtc "select 1 from pg_database where datname='$db'")" != "1" ]; then
    say "creating database $db"
    as_postgres createdb -O "$db_user" "$db"
  fi
  # Extensions need a superuser; Flyway (running as $db_user) then finds them in place.
  as_postgres psql -qd "$db" -c "set client_min_messages = warning; create extension if not exists postgis" >/dev/null
done
say "databases ready: $databases (user $db_user on localhost:5432)"
# Business databases: schema geo belongs to geoetl_business_owner (no login); the writer may use
# it and create tables in it (and so drop the tables it created), but not drop or alter the schema.
for role in geoetl_business_owner "$business_user"; do
  if [ "$(as_postgres psql -qAtc "select 1 from pg_roles where rolname='$role'")" != "1" ]; then
    say "creating role $role"
    if [ "$role" = "$business_user" ]; then
      as_postgres psql -qc "create role \"$role\" login password '$business_password'"
    else
      as_postgres psql -qc "create role \"$role\" nologin"
    fi
  fi
done
for db in $business_databases; do
  if [ "$(as_postgres psql -qAtc "select 1 from pg_database where datname='$db'")" != "1" ]; then
    say "creating business database $db"
    as_postgres createdb -O geoetl_business_owner "$db"
  fi
  as_postgres psql -qd "$db" -v ON_ERROR_STOP=1 >/dev/null <<SQL
set client_min_messages = warning;
create extension if not exists postgis;
revoke create on schema public from public;
create schema if not exists geo authorization geoetl_business_owner;
revoke all on database "$db" from public;
grant connect, temporary on database "$db" to "$business_user";
grant usage, create on schema geo to "$business_user";
SQL
done
say "business databases ready: $business_databases (writer $business_user, schema geo owned by geoetl_business_owner)"

# ---- 4. Azurite (local Azure Blob emulator) -----------------------------------------------
if [ ! -x "$local_dir/azurite/node_modules/.bin/azurite-blob" ]; then
  say "installing Azurite into $local_dir/azurite"
  mkdir -p "$local_dir/azurite"
  (cd "$local_dir/azurite" && npm init -y >/dev/null 2>&1 && npm install --no-audit --no-fund --silent azurite@3 >/dev/null 2>&1)
else
  say "Azurite present"
fi
# ---- 4b. deployment tools (Dockerfile linter, Kubernetes and KEDA schemas) for the tests ------
if [ ! -d "$here/deploy/tools/node_modules/kubernetes-models" ] || [ "$here/deploy/tools/package-lock.json" -nt "$here/deploy/tools/node_modules" ]; then
  say "installing the deployment tools into deploy/tools (npm ci)"
  (cd "$here/deploy/tools" && npm ci --no-audit --no-fund --silent >/dev/null 2>&1)
else
  say "deployment tools present (deploy/tools)"
fi
# ---- 5. Natural Earth reference data ------------------------------------------------------
# Debian's qgis-common ships Natural Earth 1:10m admin-0/admin-1 (v4.1.0, generalised) as
# world_map.gpkg (countries 240, states_provinces 4,556): fetched as a package file, never installed.
ref_dir="$local_dir/reference"
if [ ! -s "$ref_dir/world_map.gpkg" ]; then
  say "fetching Natural Earth (world_map.gpkg from Debian's qgis-common) into .local/reference"
  tmp=$(mktemp -d) && chmod 755 "$tmp"
  (cd "$tmp" && apt-get download -q -o APT::Sandbox::User=root qgis-common >/dev/null 2>&1) \
    || { echo "apt-get download qgis-common failed (is a Debian mirror reachable?)" >&2; rm -rf "$tmp"; exit 1; }
  dpkg -x "$tmp"/qgis-common_*.deb "$tmp/x"
  mkdir -p "$ref_dir"
  cp "$tmp/x/usr/share/qgis/resources/data/world_map.gpkg" "$tmp/x/usr/share/qgis/resources/data/README_world_map.md" "$ref_dir/"
  rm -rf "$tmp"
else
  say "Natural Earth present (.local/reference/world_map.gpkg)"
fi

# ---- 6. the local admin API key ----------------------------------------------------------
# A random key only this user can read; the service installs its hash at start (LocalAdminKey).
# Never committed (.local/ is ignored); delete the file and re-run setup to rotate it.
key_file="$local_dir/admin.key"
if [ ! -s "$key_file" ]; then
  chars=abcdefghijklmnopqrstuvwxyz0123456789 id=""
  # the id is a public handle (a slight modulo bias is harmless); the secret is 256 random bits
  for b in $(od -An -N12 -tu1 /dev/urandom); do id+=${chars:$((b % 36)):1}; done
  secret=$(head -c 32 /dev/urandom | base64 -w0 | tr '+/' '-_' | tr -d '=')
  (umask 077 && printf 'geoetl_%s_%s\n' "$id" "$secret" > "$key_file")
  say "local admin key written to .local/admin.key (mode 600)"
else
  chmod 600 "$key_file"
  say "local admin key present (.local/admin.key)"
fi

# ---- 7. Chromium for the dashboard's browser test (DashboardBrowserIT) -----------------------
# Debian's own chromium, driven by playwright-core from ui/; Playwright never downloads a browser.
if command -v chromium >/dev/null 2>&1; then
  say "chromium present ($(chromium --version 2>/dev/null | head -1))"
else
  say "installing chromium (the dashboard's browser test)"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi
say "done"
