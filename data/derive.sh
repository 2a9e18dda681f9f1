#!/usr/bin/env bash
# Rebuilds data/ from a folder holding the original source files (their origins: SOURCES.md).
# Usage: data/derive.sh SOURCE_DIR
#   SOURCE_DIR has mnist/*-ubyte.gz, text/austen_all.txt.gz and the three tables, laid out as in SOURCES.md.
# Deterministic: gzip -n stores no name or time, so the same inputs give the same bytes.
set -euo pipefail
[[ $# -eq 1 && -d "$1" ]] || { echo "usage: data/derive.sh SOURCE_DIR (the folder with the original files; see data/SOURCES.md)" >&2; exit 2; }
src=$1
out=$(cd "$(dirname "$0")" && pwd)

# Byte-for-byte copies.
mkdir -p "$out/mnist" "$out/text"
for f in train-images-idx3-ubyte.gz train-labels-idx1-ubyte.gz t10k-images-idx3-ubyte.gz t10k-labels-idx1-ubyte.gz; do
  install -m 644 "$src/mnist/$f" "$out/mnist/$f"
done
install -m 644 "$src/text/austen_all.txt.gz" "$out/text/austen_all.txt.gz"

# digits: the source has no header (64 pixel values 0..16, then the label). Add one:
# pixel_<row>_<col> (scikit-learn's feature names), then 'target'. Rows unchanged.
{
  for r in 0 1 2 3 4 5 6 7; do for c in 0 1 2 3 4 5 6 7; do printf 'pixel_%d_%d,' "$r" "$c"; done; done
  printf 'target\n'
  gzip -dc "$src/digits/digits.csv.gz"
} | gzip -n -9 > "$out/digits.csv.gz"

# breast cancer: the source's first row is scikit-learn metadata ("569,30,malignant,benign"),
# not column names. Replace it with a header of scikit-learn's feature names and 'target'
# (0 = malignant, 1 = benign, as in the source). Data rows unchanged.
{
  printf '%s' 'mean radius,mean texture,mean perimeter,mean area,mean smoothness,mean compactness,'
  printf '%s' 'mean concavity,mean concave points,mean symmetry,mean fractal dimension,'
  printf '%s' 'radius error,texture error,perimeter error,area error,smoothness error,compactness error,'
  printf '%s' 'concavity error,concave points error,symmetry error,fractal dimension error,'
  printf '%s' 'worst radius,worst texture,worst perimeter,worst area,worst smoothness,worst compactness,'
  printf '%s\n' 'worst concavity,worst concave points,worst symmetry,worst fractal dimension,target'
  tail -n +2 "$src/tabular/breast_cancer.csv"
} > "$out/breast_cancer.csv"

# diabetes: two space-separated files (10 raw features; the target as 1.51e+02 and so on).
# Join them line by line into one comma-separated table with a header; every target in the
# source is a whole number, written here as an integer (151). Feature values unchanged.
{
  printf 'age,sex,bmi,bp,s1,s2,s3,s4,s5,s6,target\n'
  paste -d ' ' <(gzip -dc "$src/tabular/diabetes_data_raw.csv.gz") <(gzip -dc "$src/tabular/diabetes_target.csv.gz") |
    awk '{ t = $NF + 0; if (t != int(t)) { print "non-integer target: " $NF > "/dev/stderr"; exit 1 }
           $NF = sprintf("%d", t); OFS = ","; $1 = $1; print }'
} | gzip -n -9 > "$out/diabetes.csv.gz"
