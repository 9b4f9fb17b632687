import numpy as np
from harness import zs

def overlap(c, k=10):
    b = set(np.where((c['brank'] > 0) & (c['brank'] <= k))[0]); v = set(np.where((c['vrank'] > 0) & (c['vrank'] <= k))[0])
    return len(b & v) / k

def top_z(x, rank):
    """how far a ranker's best stands out: z of its top score over all candidates"""
    s = x[rank == 1]
    if len(s) == 0 or x.std() == 0: return 0.0
    return float((s[0] - x.mean()) / x.std())

def gap(x, rank, a=1, b=10):
    sa = x[rank == a]; sb = x[rank == b]
    if len(sa) == 0 or len(sb) == 0: return 0.0
    return float(sa[0] - sb[0])

def signals(c):
    return dict(words=c['words'], ceiling=c['ceiling'], overlap10=overlap(c), overlap5=overlap(c, 5),
                bz=top_z(c['bm25'], c['brank']), vz=top_z(c['cos'], c['vrank']),
                bgap=gap(c['bm25'], c['brank']) / max(1e-9, c['bm25'][c['brank'] == 1][0] if (c['brank'] == 1).any() else 1),
                vgap=gap(c['cos'], c['vrank']))
