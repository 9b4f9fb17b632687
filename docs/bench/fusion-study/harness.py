"""Offline fusion study: BM25 top-1000 from Lucene (Bm25RankingDump), exact kNN over the cached vectors."""
import struct, sys, collections, numpy as np

def read_vectors(path):
    out = {}
    data = open(path, 'rb').read()
    p = 0
    while p < len(data):
        try:
            (n,) = struct.unpack_from('>H', data, p); p += 2
            key = data[p:p+n].decode('utf-8'); p += n
            (d,) = struct.unpack_from('>i', data, p); p += 4
            v = np.frombuffer(data, dtype='>f4', count=d, offset=p).astype(np.float32); p += 4*d
        except Exception:
            break
        out[key] = v
    return out

class Set:
    def __init__(self, name, cache, dump, queries_bin):
        self.name = name
        pv = read_vectors(cache + '/passages.bin')
        self.doc_ids = list(pv.keys())
        self.doc_index = {d: i for i, d in enumerate(self.doc_ids)}
        self.D = np.stack([pv[d] for d in self.doc_ids])
        qv = read_vectors(cache + '/' + queries_bin)
        self.qrels = collections.defaultdict(dict)
        for l in open(dump + '.qrels'):
            q, d, g = l.rstrip('\n').split('\t'); self.qrels[q][d] = int(g)
        self.texts = {}
        for l in open(dump + '.queries', encoding='utf-8'):
            q, t = l.rstrip('\n').split('\t', 1); self.texts[q] = t
        self.qids = [q for q in self.texts if q in qv and q in self.qrels]
        self.Q = {q: qv[q] for q in self.qids}
        bm = collections.defaultdict(list)
        for i, l in enumerate(open(dump, encoding='utf-8')):
            if i == 0: continue
            q, d, s, cov, sh = l.rstrip('\n').split('\t')
            bm[q].append((self.doc_index[d], float(s), float(cov), float(sh)))
        self.bm = {}
        for q in self.qids:
            arr = bm.get(q, [])
            idx = np.array([a[0] for a in arr], dtype=np.int64)
            sc = np.array([a[1] for a in arr])
            full = np.zeros(len(self.doc_ids))
            if len(arr):
                full[:] = sc.min() * 0.999 if len(arr) >= 1000 else 0.0
                full[idx] = sc
            ceiling = arr[0][1] / arr[0][3] if arr and arr[0][3] > 0 else 0
            self.bm[q] = (idx, full, ceiling, np.array([a[2] for a in arr]))
        self.words = {q: len(self.texts[q].split()) for q in self.qids}

def zs(x):
    sd = x.std()
    return (x - x.mean()) / sd if sd > 0 else np.zeros_like(x)

def ndcg10(ranked, rel):
    dcg = sum(rel.get(d, 0) / np.log2(i + 2) for i, d in enumerate(ranked[:10]))
    ideal = sorted([g for g in rel.values() if g > 0], reverse=True)[:10]
    idcg = sum(g / np.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg else 0.0

def recall100(ranked, rel):
    r = [d for d, g in rel.items() if g > 0]
    return len(set(ranked[:100]) & set(r)) / len(r) if r else 0.0

DEPTH = 101

def candidates(S, q, qvec):
    idx, full, ceiling, cov = S.bm[q]
    cos = S.D @ qvec
    vtop = np.argpartition(-cos, DEPTH)[:DEPTH]
    vtop = vtop[np.argsort(-cos[vtop])]
    btop = idx[:DEPTH]
    cand = np.unique(np.concatenate([btop, vtop]))
    brank = np.zeros(len(cand), dtype=int); vrank = np.zeros(len(cand), dtype=int)
    pos = {d: i for i, d in enumerate(cand)}
    for r, d in enumerate(btop): brank[pos[d]] = r + 1
    for r, d in enumerate(vtop): vrank[pos[d]] = r + 1
    return dict(ids=cand, bm25=full[cand], cos=cos[cand], brank=brank, vrank=vrank, ceiling=ceiling,
                words=S.words[q], nb=len(idx))

def run(S, fusion, prf=True, per_query=False, only=None):
    """fusion(c) -> scores; returns mean nDCG@10, R@100 (and per-query nDCG)"""
    nd, rc, per = [], [], {}
    for q in S.qids:
        if only is not None and q not in only: continue
        qv = S.Q[q]
        c = candidates(S, q, qv)
        s = fusion(c)
        if prf and fusion not in (BM25, VECTOR):
            top = c['ids'][np.argsort(-s, kind='stable')[:2]]
            q2 = qv + S.D[top].mean(axis=0)
            q2 = q2 / np.linalg.norm(q2)
            c2 = candidates(S, q, q2)
            c2['first'] = c
            s = fusion(c2); c = c2
        order = np.argsort(-s, kind='stable')
        ranked = [S.doc_ids[c['ids'][i]] for i in order if S.doc_ids[c['ids'][i]] != q][:100]
        n = ndcg10(ranked, S.qrels[q]); nd.append(n); rc.append(recall100(ranked, S.qrels[q])); per[q] = n
    out = (float(np.mean(nd)), float(np.mean(rc)))
    return (out, per) if per_query else out

def BM25(c):
    return np.where(c['brank'] > 0, -c['brank'], -1e9).astype(float)
def VECTOR(c):
    return np.where(c['vrank'] > 0, -c['vrank'], -1e9).astype(float)
def convex(w):
    f = lambda c: w * zs(c['cos']) + (1 - w) * zs(c['bm25'])
    f.__name__ = f'convex({w})'
    return f
