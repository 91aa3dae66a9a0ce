# Sourced by the measuring scripts. `desk_for N` prints the path of the cached generated desk of
# N claims (`factdesk init --large --claims N`), generating it with the release CLI when missing.
# The name carries the generator's and the schema's versions, as the criterion benchmarks name it
# (crates/core/benches/sizes.rs), so both share one desk and a change of either makes a new one.
desk_for() {
  local n=$1 dir=target/bench-desks gen schema path
  gen=$(sed -n 's/^pub const GENERATOR_VERSION: u32 = \([0-9]*\);/\1/p' crates/core/src/large/generate.rs)
  schema=$(grep -cE '^        M::up(_with_hook)?\(' crates/core/src/migrations.rs)
  path=$dir/claims-$n-g$gen-s$schema.sqlite
  if [ ! -f "$path" ]; then
    mkdir -p "$dir"
    rm -f "${path%.sqlite}.partial"
    target/release/factdesk --desk "${path%.sqlite}.partial" init --large --claims "$n" >&2
    mv "${path%.sqlite}.partial" "$path"
  fi
  echo "$path"
}
