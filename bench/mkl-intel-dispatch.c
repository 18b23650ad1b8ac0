/* An UNSUPPORTED diagnostic for docs/benchmarks/performance.md, section 3: libtorch-cpu's statically linked MKL
 * exports its CPU-vendor checks, and on AMD processors it takes its generic path (sgemm_kernel_0_zen, AVX2, and
 * multithreaded tiny products) although the CPU has AVX-512. Preloaded into the .NET process, these two functions
 * answer "Intel", so MKL dispatches by the CPU's features (mkl_blas_avx512_sgemm_*), as OpenBLAS does for PyTorch.
 *   gcc -shared -fPIC -O2 bench/mkl-intel-dispatch.c -o /tmp/libmkl-intel-dispatch.so
 *   LD_PRELOAD=/tmp/libmkl-intel-dispatch.so dotnet ...   (bench/trainer-speed.sh --mkl-intel-dispatch does this)
 * Intel does not support MKL's Intel paths on other vendors' CPUs; the library never does this by itself. */
int mkl_serv_intel_cpu_true(void) { return 1; }
int mkl_serv_intel_cpu(void) { return 1; }
