#!/usr/bin/env bash
# Train several fer_nb recipes side by side on one GPU machine that has JAX but no TensorFlow, with the project's own
# fer_train (KERAS_BACKEND=jax; see 03_training), and pack each run folder for the trip back.
#
#   bash tools/gpu_train.sh DATA RUNS PACK EPOCHS LIMIT_S
#
# DATA: the faces (fer2013 format, any compression pandas reads); RUNS: where the run folders go; PACK: where each
# run lands as NAME.tgz (its folder without last.keras, its command NAME.cmd and its output NAME.log), with the GPU's
# load in gpu.csv; EPOCHS: epochs per run; LIMIT_S: seconds after which a run still going gets SIGTERM, which
# fer_train turns into a clean stop (its best model.keras so far is kept).
# Needs keras, fastcore and fer_nb importable (PYTHONPATH) beside JAX.
set -u
data=$1 runs=$2 pack=$3 epochs=$4 limit=$5
export KERAS_BACKEND=jax XLA_PYTHON_CLIENT_PREALLOCATE=false PYTHONUNBUFFERED=1
common="--data $data --split usage --classes fer7 --arch s2d --epochs $epochs --schedule cosine --warmup 2 \
--label-smoothing 0.1 --class-weight sqrt --patience $epochs"
declare -A recipes=(
  [adam]=""
  [adam-erase]="--erase 0.5"
  [sgd-erase]="--erase 0.5 --optimizer sgd --lr 0.01 --weight-decay 5e-4"
)
mkdir -p "$runs" "$pack"
python3 -c 'import jax, keras; print("jax", jax.__version__, jax.devices(), "keras", keras.__version__)'
if command -v nvidia-smi >/dev/null; then  # GPU load every 30 s, to size the next call
  nvidia-smi --query-gpu=timestamp,name,utilization.gpu,memory.used --format=csv -l 30 > "$pack/gpu.csv" & monitor=$!
fi
pids=()
for name in "${!recipes[@]}"; do
  cmd="fer_train $common ${recipes[$name]} --out $runs/$name"
  echo "$cmd" > "$runs/$name.cmd"
  timeout -s TERM "$limit" python3 -c 'from fer_nb.cli import train_main; train_main()' ${cmd#fer_train } > "$runs/$name.log" 2>&1 &
  pids+=($!)
done
wait "${pids[@]}"
[ -n "${monitor:-}" ] && kill "$monitor"
for name in "${!recipes[@]}"; do
  tail -n 3 "$runs/$name.log"
  tar -C "$runs" -czf "$pack/$name.tgz" --exclude last.keras "$name" "$name.cmd" "$name.log"
done
ls -la "$pack"
