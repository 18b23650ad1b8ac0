"""A float64 NumPy stand-in for the parts of Keras 3 and JAX that the upstream schedule code imports.

The schedule code of keras/src/optimizers/schedules/learning_rate_schedule.py and optax/schedules/_schedule.py,
_join.py only uses elementwise math (divide, floor, ceil, log, cos, power, minimum/maximum, clip, sign, where,
stack, cumprod, ...). `install()` registers modules under the names that code imports (keras.src.backend,
jax, jax.numpy, optax._src.base, absl.logging, ...) so the unmodified upstream files can be imported and run
with every tensor a float64 NumPy array. Nothing here implements a schedule.

Transcendental functions. cos, log and power are the C library's (Python's math module, applied elementwise),
not NumPy's own SIMD kernels: NumPy 1.24 differs from the C library in the last bit for about 60% (cos), 25% (log)
and 27% (power) of arguments, and which last bit a backend's math library returns is not part of a schedule's
definition (TensorFlow, XLA and NumPy all differ here) -- but near the bottom of a cosine, where 1 + cos(x) is
tiny, one last bit is a large relative difference. The C library's functions are the ones .NET's Math calls on
Linux. `numpy_log()` switches keras' log back to NumPy's own, to show the one place where the choice decides a
value: the restart index of CosineDecayRestarts at exact restarts (NumPy: log(243) / log(3) == 5.0; C library:
4.999999999999999).
"""

import contextlib
import math
import sys
import types

import numpy as np

FLOAT = np.float64


def _libm(function):
    def safe(*args):
        try:
            return function(*args)
        except ValueError:  # e.g. log of a negative number, pow of a negative base: NaN as in NumPy
            return math.nan
        except OverflowError:
            return math.inf

    vectorized = np.vectorize(safe, otypes=[FLOAT])
    return lambda *args: vectorized(*[np.asarray(a, dtype=FLOAT) for a in args])[()]


COS = _libm(math.cos)
LOG = _libm(lambda v: -math.inf if v == 0 else math.log(v))
POWER = _libm(math.pow)


def _module(name, **attributes):
    module = types.ModuleType(name)
    module.__dict__.update(attributes)
    sys.modules[name] = module
    return module


def _keras():
    def convert_to_tensor(x, dtype=None):
        # Keras would use floatx (float32 by default); these vectors are float64 throughout.
        return np.asarray(x, dtype=dtype or FLOAT)

    def cast(x, dtype):
        return np.asarray(x, dtype=dtype)

    def cond(pred, true_fn, false_fn):
        return true_fn() if bool(pred) else false_fn()

    knp = _module(
        "keras.src.backend.ops.numpy",
        add=np.add, array=np.array, ceil=np.ceil, cos=COS, divide=np.divide, equal=np.equal, floor=np.floor,
        log=LOG, maximum=np.maximum, minimum=np.minimum, multiply=np.multiply, power=POWER,
        subtract=np.subtract, where=np.where,
    )
    ops = _module("keras.src.backend.ops", convert_to_tensor=convert_to_tensor, cast=cast, cond=cond, numpy=knp)
    backend = _module("keras.src.backend", ops=ops, name_scope=lambda name: contextlib.nullcontext())
    api_export = _module("keras.src.api_export", keras_export=lambda *names: (lambda obj: obj))
    serialization_lib = _module("keras.src.saving.serialization_lib")
    saving = _module("keras.src.saving", serialization_lib=serialization_lib)
    src = _module("keras.src", backend=backend, api_export=api_export, saving=saving)
    _module("keras", src=src)


def _jax():
    # jax.numpy is NumPy (float64, as JAX with jax_enable_x64) with the C library's cos, log and power.
    jnp = _module("jax.numpy", **{k: v for k, v in vars(np).items() if not k.startswith("__")})
    jnp.cos, jnp.log, jnp.power = COS, LOG, POWER
    tree = types.SimpleNamespace(map=lambda f, tree: type(tree)(f(x) for x in tree))
    typing = _module("jax.typing", ArrayLike=object)
    _module("jax", numpy=jnp, tree=tree, typing=typing)
    logging = _module("absl.logging", info=lambda *args, **kwargs: None)
    _module("absl", logging=logging)
    base = _module("optax._src.base", Schedule=object)
    _module("optax._src", base=base)


@contextlib.contextmanager
def numpy_log():
    """Within the block, keras.ops.numpy.log is NumPy's own log instead of the C library's."""
    knp = sys.modules["keras.src.backend.ops.numpy"]
    saved = knp.log
    knp.log = np.log
    try:
        yield
    finally:
        knp.log = saved


def install():
    """Registers the stand-in modules (idempotent)."""
    if "keras.src.backend" not in sys.modules:
        _keras()
    if "jax.numpy" not in sys.modules:
        _jax()
    np.seterr(all="ignore")  # the upstream code yields NaN for some accepted inputs; record it, don't warn
