#!/usr/bin/env bash
# Ship a fer_train run as the package's pretrained model, with its card and the exact commands:
#
#   bash tools/ship_model.sh RUN_DIR MODEL_DIR [flip|bare] [ASSET]
#
# RUN_DIR: the run folder, with RUN_DIR.cmd (its exact fer_train command) and RUN_DIR.log (its output) beside it;
# MODEL_DIR: models/NAME, written afresh (run files, train.log, command.txt, shipped/ scores, MODEL_CARD.md, and for a
#   warm restart (fer_train --init) init/: the command, log, config, history and metrics of the run it started from,
#   taken from the init file's folder or from INIT_RECORD, a run folder or a models/NAME folder that holds that run's record);
# flip (default): the shipped file averages each face with its mirror image, bare: one pass per face;
# ASSET: the file to write (default fer_nb/assets/fer_nb.keras); beside it, ASSET_fast.onnx, its 8-bit ONNX export:
#   the fast model that Predictor('fast'), fer_evaluate --model fast and fer_predict --model fast run.
# DATA (environment): your copy of FER2013's fer2013.csv or fer2013.csv.gz (default: fer2013.csv.gz).
# The shipped file keeps all seven classes; it is scored on all PublicTest faces and, restricted to five, on the
# five-class ones, as .keras (shipped7/, shipped/) and as 8-bit ONNX (onnx7/, onnx5/).
set -euo pipefail
run=${1%/} dir=${2%/} mode=${3:-flip} asset=${4:-fer_nb/assets/fer_nb.keras}
data=${DATA:-fer2013.csv.gz} onnx=${asset%.keras}_fast.onnx
[ -e "$data" ] || { echo "$data: no such file; set DATA to your copy of fer2013.csv(.gz)" >&2; exit 2; }
[ "$mode" = flip ] || [ "$mode" = bare ] || { echo "mode must be flip or bare, got $mode" >&2; exit 2; }
for f in "$run/model.keras" "$run/metrics.json" "$run.cmd" "$run.log"; do
  [ -e "$f" ] || { echo "$f: missing (a finished fer_train run, its command and its log are needed)" >&2; exit 2; }
done
flip_opt="" flip_note=""
if [ "$mode" = flip ]; then flip_opt=" --flip" flip_note=" and average each face with its mirror image"; fi
export_cmd="fer_export $asset --format keras$flip_opt --model $run/model.keras"
shown=$run; [[ $run = /* ]] && shown=$(basename "$run")  # a run outside the repository: named as its --out names it
eval7_cmd="fer_evaluate --data $data --usage PublicTest --model $asset --out $dir/shipped7"
eval_cmd="fer_evaluate --data $data --usage PublicTest --classes reference --model $asset --out $dir/shipped"
onnx_cmd="fer_export $onnx --format onnx-int8 --model $asset"
onnx7_cmd="fer_evaluate --data $data --usage PublicTest --model $onnx --out $dir/onnx7"
onnx5_cmd="fer_evaluate --data $data --usage PublicTest --classes reference --model $onnx --out $dir/onnx5"
rm -rf "$dir" && mkdir -p "$dir/shipped" "$dir/shipped7" "$dir/onnx7" "$dir/onnx5"
$export_cmd
$onnx_cmd
cp "$run"/{config.json,history.csv,metrics.json,confusion_matrix.png,curves.png,predictions.png,report.txt} "$dir/"
cp "$run.log" "$dir/train.log"
init=$(python -c "import json,sys; print(json.load(open(sys.argv[1])).get('init', ''))" "$run/config.json")
if [ -n "$init" ]; then  # a warm restart: the record of the run whose network it started from goes in init/
  irec=${INIT_RECORD:-$(dirname "$init")}
  irec=${irec%/}
  mkdir -p "$dir/init" && cp "$irec"/{config.json,history.csv,metrics.json,report.txt} "$dir/init/"
  [ ! -e "$irec/checkpoint.json" ] || cp "$irec/checkpoint.json" "$dir/init/"  # a member kept its last epoch, or its best
  if [ -e "$irec/command.txt" ]; then cp "$irec/command.txt" "$irec/train.log" "$dir/init/"
  else cp "$irec.cmd" "$dir/init/command.txt" && cp "$irec.log" "$dir/init/train.log"; fi
fi
$eval7_cmd | tee "$dir/shipped7/evaluate.log"
$eval_cmd | tee "$dir/shipped/evaluate.log"
$onnx7_cmd | tee "$dir/onnx7/evaluate.log"
$onnx5_cmd | tee "$dir/onnx5/evaluate.log"
{ [ -z "$init" ] || echo "# 0. the network it starts from (--init): the fer_train run whose commands and log are in init/ (command.txt, train.log)"
cat <<TXT
# 1. train on all seven classes of FER2013 Training, validating on PublicTest ($shown, log: train.log)
$(cat "$run.cmd")
# 2. the best checkpoint$flip_note, batch norm folded: the shipped file
${export_cmd//$run/$shown}
# 3. score the shipped network on all PublicTest faces (shipped7/), and restricted to five classes on the five-class ones (shipped/)
$eval7_cmd
$eval_cmd
# 4. the fast model, the file Predictor('fast') runs: the shipped network with 8-bit convolutions, in ONNX, scored the same way (onnx7/, onnx5/)
$onnx_cmd
$onnx7_cmd
$onnx5_cmd
TXT
} > "$dir/command.txt"
python tools/members.py portable "$dir"  # after command.txt: the run command names teachers by full path
python tools/model_card.py "$dir" --shipped "$dir/shipped/metrics.json" --shipped7 "$dir/shipped7/metrics.json"
