import sys, numpy as np, itertools, time
sys.path.insert(0, '/work/evalcache/study')
from harness import *
from signals import *
exec(open('/work/evalcache/study/load.py').read())

def length_ramp(w_short, w_long, l0, l1):
    def f(c):
        n = c['words']
        t = 0 if n <= l0 else 1 if n >= l1 else np.log(n / l0) / np.log(l1 / l0)
        w = w_short + (w_long - w_short) * t
        return w * zs(c['cos']) + (1 - w) * zs(c['bm25'])
    return f

base = {n: (run(S, BM25)[0], run(S, VECTOR)[0]) for n, S in SETS.items()}
print('singles', {n: tuple(round(x, 4) for x in v) for n, v in base.items()})
def show(name, f, prf=True):
    r = {n: run(S, f, prf=prf)[0] for n, S in SETS.items()}
    margin = min(r[n] - max(base[n]) for n in r)
    print('%-40s' % name, ' '.join('%s %.4f' % (n, v) for n, v in r.items()), ' min margin %+.4f' % margin, flush=True)
    return r
show('convex(0.6)+prf', convex(0.6))
for wl in [0.8, 0.9, 1.0]:
    for l0, l1 in [(8, 64), (16, 128), (32, 256), (8, 256)]:
        show(f'ramp(0.6->{wl}, {l0}..{l1})', length_ramp(0.6, wl, l0, l1))
