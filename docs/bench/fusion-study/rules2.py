exec(open('/work/evalcache/study/rules.py').read().split("show('convex(0.6)+prf'")[0])
def zr(x):
    # z-score with the single largest value left out of mean and sd (one self-match cannot squash the rest)
    if len(x) < 3: return zs(x)
    i = np.argmax(x); m = np.ones(len(x), bool); m[i] = False
    mu, sd = x[m].mean(), x[m].std()
    return (x - mu) / sd if sd > 0 else np.zeros_like(x)
def ramp_w(n, ws, wl, l0, l1):
    t = 0 if n <= l0 else 1 if n >= l1 else np.log(n / l0) / np.log(l1 / l0)
    return ws + (wl - ws) * t
def robust_ramp(ws, wl, l0, l1):
    return lambda c: (lambda w: w * zr(c['cos']) + (1 - w) * zr(c['bm25']))(ramp_w(c['words'], ws, wl, l0, l1))
def peaked(ws, wl, l0, l1, k):
    # shift towards the ranker whose best stands out more (z of its top-1), on top of the length ramp
    def f(c):
        w = ramp_w(c['words'], ws, wl, l0, l1)
        bz = top_z(c['bm25'], c['brank']); vz = top_z(c['cos'], c['vrank'])
        w = min(1, max(0, w + k * (vz - bz) / max(1e-9, vz + bz)))
        return w * zs(c['cos']) + (1 - w) * zs(c['bm25'])
    return f
def minmax(x):
    return (x - x.min()) / (x.max() - x.min()) if x.max() > x.min() else np.zeros_like(x)
show('robust z, static 0.6', robust_ramp(0.6, 0.6, 8, 64))
show('robust z, ramp 0.6->0.8 8..64', robust_ramp(0.6, 0.8, 8, 64))
show('peaked k=0.2 no ramp', peaked(0.6, 0.6, 8, 64, 0.2))
show('peaked k=0.2 + ramp 0.8 8..64', peaked(0.6, 0.8, 8, 64, 0.2))
show('ramp 0.8 8..64, no prf', length_ramp(0.6, 0.8, 8, 64), prf=False)
show('ramp 0.5->0.8 8..64', length_ramp(0.5, 0.8, 8, 64))
show('ramp 0.6->0.75 8..64', length_ramp(0.6, 0.75, 8, 64))
show('ramp 0.6->0.85 8..64', length_ramp(0.6, 0.85, 8, 64))
