#!/usr/bin/env bash
# The PyTorch peer's setup: Debian's PyTorch with a real BLAS. python3-torch links whichever libblas.so.3 the
# alternatives system points to, and out of the box that is the reference BLAS (6–8 GFLOP/s on the benchmark's
# product here, which made the peer look 10–20× slower than it is). libopenblas0-pthread switches the
# alternative to OpenBLAS (134–250 GFLOP/s measured: ../shared/PLATFORM.md).
# Run as root (apt). Idempotent: it prints the BLAS in use and exits 0 when everything is there.
set -euo pipefail

missing=()
dpkg -s python3-torch >/dev/null 2>&1 || missing+=(python3-torch)
dpkg -s libopenblas0-pthread >/dev/null 2>&1 || missing+=(libopenblas0-pthread)
if [ ${#missing[@]} -gt 0 ]; then
    echo "installing ${missing[*]} with apt-get"
    DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}" >/dev/null
fi

blas=$(readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3 || true)
case "$blas" in
    *openblas*) echo "PyTorch peer ready: $(/usr/bin/python3 -c 'import torch; print(torch.__version__)') with $blas" ;;
    *) echo "libblas.so.3 is $blas, not OpenBLAS: run update-alternatives --config libblas.so.3-x86_64-linux-gnu" >&2; exit 3 ;;
esac
