# Shared by .ci/gate and .ci/gate-eval (sourced, not run): the gated set, its JMH settings, builds
# of a revision in a temporary worktree, and interleaved forks of several builds. See docs/gate.md.

# The gated benchmarks: the whole pipeline on the embedded default model at its default params
# (the fused smoother since it became the default), post-processing from the raw network output at
# filter 25 with every smoother PostProcessingBenchmark declares (so the default path's smoothing
# is always among them: fused, and tf-pose's depthwise ops), peaks and PAF assembly at 4 people,
# and the graph's upsampling. `(bench\.)?`: the benchmarks moved from posebench.<stage> into
# posebench.bench.<stage>, and a base revision from before the move must run the same set.
GATE_INCLUDE='^posebench\.(bench\.)?(estimator\.PipelineBenchmark\.estimate|paf\.PafBenchmark\.assemble|peaks\.PeakBenchmark\.maxPoolPeaks|postprocess\.PostProcessingBenchmark\.postProcess|upsample\.UpsampleBenchmark\.upsample)$'
GATE_PARAMS=(-p people=4 -p filterSize=25)
# One JVM per invocation; the statistic is each fork's median iteration, so iterations only need
# to be long enough for that median to be steady. Three 1 s warm-ups: C2 finishes PAF assembly in
# the third.
GATE_JMH=(-f 1 -wi 3 -w 1s -i 5 -r 400ms)
GATE_FORKS=${GATE_FORKS:-5}
GATE_LOCK=${GATE_LOCK:-/tmp/posebench-jmh.lock}

# TensorFlow's C++ logging would drown the JMH output.
export TF_CPP_MIN_LOG_LEVEL=${TF_CPP_MIN_LOG_LEVEL:-2}

GATE_WORK=''          # temporary folder of the worktrees and jars; removed by gate_cleanup
GATE_WORKTREES=()

gate_say() {
    echo "$(basename "$0"): $*" >&2
}

# gate_init: makes the temporary folder and arranges its removal on every exit.
gate_init() {
    GATE_WORK=$(mktemp -d "${TMPDIR:-/tmp}/posebench-gate.XXXXXX")
    trap gate_cleanup EXIT
    trap 'exit 2' INT TERM
}

gate_cleanup() {
    local tree
    for tree in "${GATE_WORKTREES[@]}"; do
        git worktree remove --force "$tree" 2>/dev/null || true
    done
    git worktree prune 2>/dev/null || true
    if [[ -n $GATE_WORK ]]; then
        rm -rf "$GATE_WORK"
    fi
}

# gate_build NAME REV [PATCH]: builds REV (with PATCH applied) in a temporary worktree and leaves
# its benchmark jar at $GATE_WORK/NAME.jar; the worktree is removed once the jar is out.
gate_build() {
    local name=$1 rev=$2 patch=${3:-} tree="$GATE_WORK/$1" log="$GATE_WORK/$1.build.log"
    gate_say "building $name: $(git log -1 --format='%h %s' "$rev" | cut -c1-72)${patch:+ + $(basename "$patch")}"
    if ! git worktree add --quiet --detach "$tree" "$rev" > "$log" 2>&1; then
        cat "$log" >&2
        gate_say "cannot check out $rev into a temporary worktree"
        return 2
    fi
    GATE_WORKTREES+=("$tree")
    if [[ -n $patch ]] && ! git -C "$tree" apply "$patch" >> "$log" 2>&1; then
        cat "$log" >&2
        gate_say "$patch does not apply to $rev"
        return 2
    fi
    if ! (cd "$tree" && mvn -B -q package -DskipTests) >> "$log" 2>&1; then
        tail -n 40 "$log" >&2
        gate_say "the build of $name ($rev) failed; log above"
        return 2
    fi
    mv "$tree/target/benchmarks.jar" "$GATE_WORK/$name.jar"
    git worktree remove --force "$tree"
}

# gate_params JAR...: prints the -p options of a gated run, one word a line. A param that some of
# the builds lack (a new or removed @Param) is pinned to its first declared value, so that every
# result of one build has exactly one counterpart in the others; the gate matches on the params
# both have.
gate_params() {
    printf '%s\n' "${GATE_PARAMS[@]}"
    local jar fixed
    fixed=$(printf '%s\n' "${GATE_PARAMS[@]}" | sed -n 's/=.*//p' | tr '\n' ' ')
    for jar in "$@"; do
        # "posebench.x.Benchmark.method" lines, then '  param "name" = {first, second}' lines. A
        # benchmark is its "Benchmark.method", without the package, as results/BenchmarkKey has it.
        java -jar "$jar" -lp "$GATE_INCLUDE" | awk '
            /^posebench\./ { benchmark = $1; sub(/^([a-z0-9_]+\.)+/, "", benchmark) }
            /^  param "/ { split($0, quoted, "\""); value = $0; sub(/^[^{]*\{/, "", value); sub(/[,}].*$/, "", value)
                           print benchmark, quoted[2], value }' | sort -u
    done | awk -v builds=$# -v fixed="$fixed" '
        BEGIN { split(fixed, names, " "); for (i in names) skip[names[i]] = 1 }
        { seen[$1 " " $2]++; first[$1 " " $2] = $3; name[$1 " " $2] = $2 }
        END { for (key in seen) if (seen[key] < builds && !(name[key] in skip) && !(name[key] in done)) {
                  done[name[key]] = 1; print "-p"; print name[key] "=" first[key] } }'
}

# gate_measure OUT NAME...: GATE_FORKS rounds; each runs one fork of every build $GATE_WORK/NAME.jar,
# in turn reversed every other round (A B, B A, ...), into OUT/NAME/fork-K.json. The machine lock
# is held per round, so other JMH users can measure between rounds. Returns 2 when a run fails.
gate_measure() {
    local out=$1 names=("${@:2}") jars=() name round order lock params start
    for name in "${names[@]}"; do
        jars+=("$GATE_WORK/$name.jar")
        mkdir -p "$out/$name"
    done
    mapfile -t params < <(gate_params "${jars[@]}")
    gate_say "gated set /$GATE_INCLUDE/ ${params[*]} ${GATE_JMH[*]}, $GATE_FORKS forks of each of: ${names[*]}"
    for ((round = 1; round <= GATE_FORKS; round++)); do
        order=("${names[@]}")
        if ((round % 2 == 0)); then
            mapfile -t order < <(printf '%s\n' "${names[@]}" | tac)
        fi
        exec {lock}> "$GATE_LOCK"
        if command -v flock > /dev/null; then
            flock "$lock"
        fi
        for name in "${order[@]}"; do
            start=$SECONDS
            if ! java -jar "$GATE_WORK/$name.jar" "$GATE_INCLUDE" "${GATE_JMH[@]}" "${params[@]}" -foe true \
                    -rf json -rff "$out/$name/fork-$round.json" > "$out/$name/fork-$round.log" 2>&1; then
                exec {lock}>&-
                tail -n 40 "$out/$name/fork-$round.log" >&2
                gate_say "the JMH run of $name failed; see $out/$name/fork-$round.log"
                return 2
            fi
            echo $((SECONDS - start)) >> "$out/jmh-seconds"
            gate_say "round $round/$GATE_FORKS: $name done in $((SECONDS - start)) s"
        done
        exec {lock}>&-
    done
}

# gate_judge OUT BASE HEAD [OPTIONS...]: the A/B verdict of OUT/HEAD's forks against OUT/BASE's,
# by the judging jar $GATE_JUDGE; prints the table, returns 0 pass, 1 regression, 2 bad input.
# GATE_JUDGE_FORKS=K judges only the first K rounds (gate-eval uses it to compare fork counts).
gate_judge() {
    local out=$1 base=$2 head=$3 name side=() files
    for name in "$base" "$head"; do
        if [[ -n ${GATE_JUDGE_FORKS:-} ]]; then
            files=$(seq 1 "$GATE_JUDGE_FORKS" | sed "s|.*|$out/$name/fork-&.json|")
        else
            files=$(ls "$out/$name"/fork-*.json | grep -v 'machine\.json$')
        fi
        side+=("$(tr '\n' ' ' <<< "$files")")
    done
    # shellcheck disable=SC2086 # the file lists split on purpose; fork paths have no spaces
    java -cp "$GATE_JUDGE" posebench.cli.PoseBenchCli gate --ab \
        --base ${side[0]} --head ${side[1]} "${@:4}"
}
