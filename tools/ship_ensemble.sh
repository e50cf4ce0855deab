#!/usr/bin/env bash
# Ship an ensemble of recorded members (models/members/NAME, see tools/members.py) as the package's default model:
#
#   bash tools/ship_ensemble.sh MODEL_DIR K NAME...
#
# NAME...: recorded members, in the order in which they join (the growth table adds them in this order); the first K
#   make the shipped ensemble, the others show what more members would add;
# MODEL_DIR: models/NAME, written afresh: members.txt (the K shipped, one a line), command.txt (the exact commands),
#   scores.md and scores.json (each member alone and the ensemble of the first k, from tools/members.py score),
#   scale.txt (the factor of disgust's probability, `fer_export --scale`: see below),
#   keras7/ and keras5/ (the ensemble as a .keras file on all PublicTest faces, and restricted to five classes on the
#   five-class ones), onnx7/ and onnx5/ (the same for the 8-bit ONNX file), MODEL_CARD.md.
# The ensemble averages its members' probabilities for each face and for its mirror image (fer_export --flip), batch
# norms folded, then multiplies disgust's by the factor that makes it name disgust for as many PublicTest faces as
# disgust has among the Training faces (tools/members.py share: PublicTest's labels play no part). ENSEMBLE
# (environment, default runs/ensemble.keras) receives it as a .keras file: the members are in this repository, so the
# package ships only ASSET (default fer_nb/assets/fer_nb.onnx), its 8-bit ONNX export, which Predictor, fer_predict and
# fer_evaluate run by default.
# DATA (environment): your copy of FER2013's fer2013.csv or fer2013.csv.gz (default: fer2013.csv.gz).
set -euo pipefail
[ $# -ge 3 ] || { sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
dir=${1%/} k=$2; shift 2
[[ $k =~ ^[1-9][0-9]*$ ]] && [ "$k" -le $# ] || { echo "K must be a number of members from 1 to $#, got $k" >&2; exit 2; }
data=${DATA:-fer2013.csv.gz} ens=${ENSEMBLE:-runs/ensemble.keras} asset=${ASSET:-fer_nb/assets/fer_nb.onnx}
[ -e "$data" ] || { echo "$data: no such file; set DATA to your copy of fer2013.csv(.gz)" >&2; exit 2; }
members=""
for n in "$@"; do
  [ -e "models/members/$n/model.keras" ] || { echo "models/members/$n/model.keras: missing (tools/members.py record)" >&2; exit 2; }
done
for n in "${@:1:$k}"; do members="$members${members:+,}models/members/$n/model.keras"; done
raw=${ens%.keras}-unscaled.keras
score_cmd="DATA=$data python tools/members.py score $*"
export_cmd="fer_export $raw --format keras --flip --model $members"
share_cmd="DATA=$data python tools/members.py share $raw disgust"
onnx_cmd="fer_export $asset --format onnx-int8 --model $ens"
evals=()
for f in keras onnx; do
  model=$ens; [ $f = onnx ] && model=$asset
  evals+=("fer_evaluate --data $data --usage PublicTest --model $model --out $dir/${f}7"
          "fer_evaluate --data $data --usage PublicTest --classes reference --model $model --out $dir/${f}5")
done
rm -rf "$dir" && mkdir -p "$dir" "$(dirname "$ens")"
printf '%s\n' "${@:1:$k}" > "$dir/members.txt"
DATA=$data python tools/members.py score "$@"
cp models/members/scores.md models/members/scores.json "$dir/"
$export_cmd
scale="disgust=$(DATA=$data python tools/members.py share "$raw" disgust)"
echo "$scale" > "$dir/scale.txt"
scale_cmd="fer_export $ens --format keras --model $raw --scale $scale"
$scale_cmd
$onnx_cmd
for e in "${evals[@]}"; do out=${e##* }; mkdir -p "$out"; $e | tee "$out/evaluate.log"; done
cat > "$dir/command.txt" <<TXT
# 1. each member alone and the ensembles of its first k members, on PublicTest (scores.md, scores.json)
$score_cmd
# 2. the ensemble of the first $k: the members' probabilities averaged, each face with its mirror image, batch norms folded
$export_cmd
# 3. the factor of disgust's probability that makes the ensemble name disgust for as many PublicTest faces as there are
#    disgusted faces among the Training faces (PublicTest's labels play no part); the ensemble with that factor
$share_cmd
$scale_cmd
# 4. the file Predictor runs by default: the ensemble with 8-bit convolutions (each member's first one float), in ONNX
$onnx_cmd
# 5. score both on all PublicTest faces (keras7/, onnx7/), and restricted to five classes on the five-class ones (keras5/, onnx5/)
$(printf '%s\n' "${evals[@]}")
TXT
python tools/model_card.py "$dir" --ensemble "${@:1:$k}"
