#!/usr/bin/env bash
# Ship a fer_train run as the package's pretrained model, with its card and the exact commands:
#
#   bash tools/ship_model.sh RUN_DIR MODEL_DIR [flip|bare] [ASSET]
#
# RUN_DIR: the run folder, with RUN_DIR.cmd (its exact fer_train command) and RUN_DIR.log (its output) beside it;
# MODEL_DIR: models/NAME, written afresh (run files, train.log, command.txt, shipped/ scores, MODEL_CARD.md, and for a
#   distilled run teachers/NAME: each teacher run's command, log, config, history and metrics, from RUN.cmd and RUN.log;
#   for a warm restart (fer_train --init) init/: the same record of the run it started from, taken from the init file's
#   folder or from INIT_RECORD, a run folder or a models/NAME folder that holds that run's record);
# flip (default): the shipped file averages each face with its mirror image, bare: one pass per face;
# ASSET: the file to write (default fer_nb/assets/fer_nb.keras, the one fer_evaluate and fer_predict load).
# The shipped file keeps all seven classes; it is scored on all PublicTest faces and, restricted to five, on the five-class ones.
set -euo pipefail
run=${1%/} dir=${2%/} mode=${3:-flip} asset=${4:-fer_nb/assets/fer_nb.keras}
data=../shared/data/fer2013.csv.gz
[ "$mode" = flip ] || [ "$mode" = bare ] || { echo "mode must be flip or bare, got $mode" >&2; exit 2; }
for f in "$run/model.keras" "$run/metrics.json" "$run.cmd" "$run.log"; do
  [ -e "$f" ] || { echo "$f: missing (a finished fer_train run, its command and its log are needed)" >&2; exit 2; }
done
flip_opt="" flip_note=""
if [ "$mode" = flip ]; then flip_opt=" --flip" flip_note=" and average each face with its mirror image"; fi
export_cmd="fer_export $asset --format keras$flip_opt --model $run/model.keras"
eval7_cmd="fer_evaluate --data $data --usage PublicTest --out $dir/shipped7"
eval_cmd="fer_evaluate --data $data --usage PublicTest --classes seed5 --out $dir/shipped"
[ "$asset" = fer_nb/assets/fer_nb.keras ] || { eval_cmd+=" --model $asset"; eval7_cmd+=" --model $asset"; }
rm -rf "$dir" && mkdir -p "$dir/shipped" "$dir/shipped7"
$export_cmd
cp "$run"/{config.json,history.csv,metrics.json,confusion_matrix.png,curves.png,predictions.png,report.txt} "$dir/"
cp "$run.log" "$dir/train.log"
teachers=$(python -c "import json,sys; print(' '.join(t for t in json.load(open(sys.argv[1])).get('teacher', '').split(',') if t))" "$run/config.json")
for t in $teachers; do  # a distilled run: each teacher's run record (not its weights) goes in teachers/NAME
  trun=$(dirname "$t") tdir="$dir/teachers/$(basename "$(dirname "$t")")"
  mkdir -p "$tdir" && cp "$trun"/{config.json,history.csv,metrics.json,report.txt} "$tdir/" && cp "$trun.cmd" "$tdir/command.txt" && cp "$trun.log" "$tdir/train.log"
done
init=$(python -c "import json,sys; print(json.load(open(sys.argv[1])).get('init', ''))" "$run/config.json")
if [ -n "$init" ]; then  # a warm restart: the record of the run whose network it started from goes in init/
  irec=${INIT_RECORD:-$(dirname "$init")}
  irec=${irec%/}
  mkdir -p "$dir/init" && cp "$irec"/{config.json,history.csv,metrics.json,report.txt} "$dir/init/"
  if [ -e "$irec/command.txt" ]; then cp "$irec/command.txt" "$irec/train.log" "$dir/init/"
  else cp "$irec.cmd" "$dir/init/command.txt" && cp "$irec.log" "$dir/init/train.log"; fi
fi
$eval7_cmd | tee "$dir/shipped7/evaluate.log"
$eval_cmd | tee "$dir/shipped/evaluate.log"
{ [ -z "$teachers" ] || echo "# 0. the teachers: fer_train runs whose commands and logs are in teachers/ (each its command.txt and train.log)"
[ -z "$init" ] || echo "# 0. the network it starts from (--init): the fer_train run whose commands and log are in init/ (command.txt, train.log)"
cat <<TXT
# 1. train on all seven classes of FER2013 Training, validating on PublicTest ($run, log: train.log)
$(cat "$run.cmd")
# 2. the best checkpoint$flip_note, batch norm folded: the shipped file
$export_cmd
# 3. score the shipped model on all PublicTest faces (shipped7/), and restricted to five classes on the five-class ones (shipped/)
$eval7_cmd
$eval_cmd
TXT
} > "$dir/command.txt"
python tools/model_card.py "$dir" --shipped "$dir/shipped/metrics.json" --shipped7 "$dir/shipped7/metrics.json"
