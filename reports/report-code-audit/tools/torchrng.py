# Minimal replay of PyTorch's CPU generator (mt19937, init_genrand) and float32 uniform_ / kaiming_uniform_ for nn.Linear,
# used only to check which draws produced the printed initial weights. Assumes the serial CPU uniform kernel:
# u = (random32 & (2^24-1)) * 2^-24 ; value = u*(to-from)+from  (float32 arithmetic approximated in float64).
import math, struct
class MT:
    def __init__(s, seed):
        s.mt=[0]*624; s.mt[0]=seed&0xffffffff
        for i in range(1,624): s.mt[i]=(1812433253*(s.mt[i-1]^(s.mt[i-1]>>30))+i)&0xffffffff
        s.i=624
    def rand32(s):
        if s.i>=624:
            mt=s.mt
            for k in range(624):
                y=(mt[k]&0x80000000)|(mt[(k+1)%624]&0x7fffffff)
                mt[k]=mt[(k+397)%624]^(y>>1)^(0x9908b0df if y&1 else 0)
            s.i=0
        y=s.mt[s.i]; s.i+=1
        y^=y>>11; y^=(y<<7)&0x9d2c5680; y^=(y<<15)&0xefc60000; y^=y>>18
        return y&0xffffffff
def f32(x): return struct.unpack('f',struct.pack('f',x))[0]
def uniform(g,n,lo,hi):
    out=[]
    for _ in range(n):
        u=(g.rand32()&((1<<24)-1))*2.0**-24
        out.append(f32(f32(u*f32(hi-lo))+lo))
    return out
def linear(g,fin,fout):
    b=1/math.sqrt(fin)
    w=uniform(g,fin*fout,-b,b); bias=uniform(g,fout,-b,b); return w,bias
