// Package fmath is the model's elementary functions: exp, log and log1p in
// plain Go, faster than the standard library's and bit-for-bit the same on
// every processor.
//
// Why not package math: on amd64 math.Exp and math.Log are assembly, on
// arm64 math.Exp is assembly and math.Log is Go that the compiler may
// compile with fused multiply-adds, so the same program can round
// differently on two machines. Here every product that feeds an addition is
// rounded explicitly (float64(x*y)), which the Go specification says
// prevents fusion, and the tables are computed at start-up with math/big,
// whose integer arithmetic is the same everywhere.
//
// Accuracy (checked by the tests against math/big references): Exp and
// Log within 2 ulp over their whole domain; Log1p within 2 ulp. Exp
// flushes results below the smallest normal number (x < −708.39) to zero.
// Both are 3–4 times faster than package math on amd64 (see the
// benchmarks), because they skip argument checks the model never needs and
// replace the divisions of the classic algorithms with table look-ups.
package fmath

import (
	"math"
	"math/big"
)

const (
	tableBits = 7
	tableN    = 1 << tableBits
)

// Exp: x = k·ln2/N + r, e^x = 2^(k/N) · e^r with |r| ≤ ln2/(2N).
var expTab [tableN]uint64 // bits of 2^(j/N), j = 0..N−1

// Log: x = 2^e·z, z near 1; z = c·(1 + r) with c from a table of N points,
// log x = e·ln2 + log c + log1p(r). The table is indexed by the top
// mantissa bits of x − logOff (see logSplit), so entry i is for mantissas
// 1 + ((i+48) mod N)/N.
var logTab [tableN]struct{ c, invc, logc float64 }

// logOff is the bits of 0.6875: subtracting it from x's bits splits x into
// 2^e·z with z in [0.6875, 1.375) without a branch (the borrow out of the
// mantissa decides whether z is the mantissa or half of it).
const logOff = 0x3fe6000000000000

const (
	ln2Hi = 6.93147180369123816490e-01 // ln 2 to 33 bits: e·ln2Hi is exact for |e| < 2^20
	ln2Lo = 1.90821492927058770002e-10 // ln 2 − ln2Hi

	invLn2N = 1.4426950408889634 * tableN // N / ln 2
	// ln2/N in two parts, the first with its low bits zero so that
	// k·expHi is exact for the k that occur.
	expHi = ln2Hi / tableN
	expLo = ln2Lo / tableN

	shift = 0x1.8p52 // adding it rounds a float64 below 2^51 to an integer
)

var shiftBits = math.Float64bits(shift)

func init() {
	const prec = 160
	// 2^(1/N) by repeated square roots of 2.
	root := new(big.Float).SetPrec(prec).SetInt64(2)
	for range tableBits {
		root.Sqrt(root)
	}
	p := new(big.Float).SetPrec(prec).SetInt64(1)
	for j := range expTab {
		f, _ := p.Float64()
		expTab[j] = math.Float64bits(f)
		p.Mul(p, root)
	}
	// Centres c: for mantissas m = 1 + j/N (j < N) the table covers
	// z in [1, 2); entries with m ≥ 1.375 are used halved (z in
	// [0.6875, 1)), so that |log z| stays small and log x near 1 keeps its
	// relative accuracy. The two intervals next to 1 use c = 1 exactly.
	for j := range tableN {
		i := (j - 48) & (tableN - 1) // the index logSplit gives mantissa 1 + j/N
		lo := 1 + float64(float64(j)/tableN)
		c := lo + 0.5/tableN
		if j == 0 {
			c = 1
		}
		if lo >= 1.375 {
			c /= 2
			if j == tableN-1 {
				c = 1 // z in [1 − 1/256, 1): r = z − 1
			}
		}
		logTab[i].c = c
		logTab[i].invc = 1 / c
		logTab[i].logc = bigLog(c, prec)
	}
}

// bigLog is ln c for c in (0.5, 2], by the series
// ln c = 2·atanh(y) = 2·Σ y^(2n+1)/(2n+1), y = (c−1)/(c+1).
func bigLog(c float64, prec uint) float64 {
	if c == 1 {
		return 0
	}
	x := new(big.Float).SetPrec(prec).SetFloat64(c)
	one := new(big.Float).SetPrec(prec).SetInt64(1)
	y := new(big.Float).SetPrec(prec).Sub(x, one)
	den := new(big.Float).SetPrec(prec).Add(x, one)
	y.Quo(y, den)
	y2 := new(big.Float).SetPrec(prec).Mul(y, y)
	sum := new(big.Float).SetPrec(prec)
	term := new(big.Float).SetPrec(prec).Set(y)
	t := new(big.Float).SetPrec(prec)
	for n := int64(0); n < 200; n++ {
		t.Quo(term, new(big.Float).SetPrec(prec).SetInt64(2*n+1))
		sum.Add(sum, t)
		term.Mul(term, y2)
		if term.Sign() == 0 || term.MantExp(nil)-sum.MantExp(nil) < -int(prec) {
			break
		}
	}
	sum.Mul(sum, new(big.Float).SetPrec(prec).SetInt64(2))
	f, _ := sum.Float64()
	return f
}

// Exp returns e^x. Results below the smallest normal float64 are 0;
// Exp(−Inf) = 0, Exp(+Inf) = +Inf, Exp(NaN) = NaN.
func Exp(x float64) float64 {
	switch {
	case x != x:
		return x
	case x > 709.782712893384:
		return math.Inf(1)
	case x < expMin:
		return 0
	}
	return expPoly(expReduce(x))
}

// For x in [expMin, 709.78]: x = k·ln2/N + r, e^x = 2^(k/N)·(1 + p(r)),
// in two parts small enough for the compiler to inline.

// expReduce is r and 2^(k/N).
func expReduce(x float64) (r, scale float64) {
	kd := float64(x*invLn2N) + shift
	k := int64(math.Float64bits(kd) - shiftBits) // kd = shift + k exactly
	kd -= shift
	// r = x − k·ln2/N, exactly up to the last term's rounding.
	r = x - float64(kd*expHi)
	r -= float64(kd * expLo)
	return r, math.Float64frombits(expTab[k&(tableN-1)] + uint64(k>>tableBits)<<52)
}

// expPoly is scale·e^r: e^r − 1 = r + r²/2 + r³/6 + r⁴/24 + r⁵/120;
// |r| ≤ 0.0028, so the next term is below 2^−70 relative.
func expPoly(r, scale float64) float64 {
	r2 := float64(r * r)
	p := r + float64(r2*(0.5+float64(r*(1.0/6)))) + float64(float64(r2*r2)*(1.0/24+float64(r*(1.0/120))))
	return scale + float64(scale*p)
}

// Log returns the natural logarithm of x. Log(0) = −Inf, Log(x < 0) = NaN,
// Log(+Inf) = +Inf, Log(NaN) = NaN.
func Log(x float64) float64 {
	return logPlus(x, 0)
}

// logPlus is log(x + d) for a correction d much smaller than ulp(x).
func logPlus(x, d float64) float64 {
	ix := math.Float64bits(x)
	if ix-0x0010000000000000 >= 0x7ff0000000000000-0x0010000000000000 {
		// Zero, subnormal, negative, Inf or NaN.
		switch {
		case x != x || x == math.Inf(1):
			return x
		case x == 0:
			return math.Inf(-1)
		case x < 0:
			return math.NaN()
		}
		// Subnormal: scale into the normal range.
		return logPlus(x*0x1p52, d*0x1p52) - float64(52*ln2Hi) - float64(52*ln2Lo)
	}
	e, i, z := logSplit(ix)
	t := &logTab[i]
	r := float64((z - t.c) * t.invc) // z − c is exact (Sterbenz), |r| ≤ 1/128
	if d != 0 {
		// log(x + d) = log(x) + log1p(d/x); d/x = d·2^−e/z, and 1/z is
		// invc to within |r|, which is far below d's own weight.
		r += float64(float64(d*math.Float64frombits(uint64(1023-e)<<52)) * t.invc)
	}
	ef := float64(e)
	hi := float64(ef*ln2Hi) + t.logc
	return hi + (r + (log1pTail(r) + float64(ef*ln2Lo)))
}

// logSplit splits the bits of a positive normal x into x = 2^e·z with z
// in [0.6875, 1.375) and the table index i of z's interval.
func logSplit(ix uint64) (e int64, i uint64, z float64) {
	tmp := ix - logOff
	e = int64(tmp) >> 52
	i = (tmp >> (52 - tableBits)) & (tableN - 1)
	z = math.Float64frombits(ix - tmp&(0xfff<<52))
	return
}

// log1pTail is log1p(r) − r for |r| ≤ 1/128, to about 2^−62 absolute: the
// Taylor series −r²/2 + r³/3 − … + r⁸/8, whose next term is below 2^−66.
func log1pTail(r float64) float64 {
	r2 := float64(r * r)
	r4 := float64(r2 * r2)
	a := -0.5 + float64(r*(1.0/3))
	b := -0.25 + float64(r*(1.0/5))
	c := -1.0/6 + float64(r*(1.0/7))
	return float64(r2*(a+float64(r2*b))) + float64(float64(r4*r2)*(c+float64(r2*(-1.0/8))))
}

// Log1p returns log(1 + x), accurate also when x is tiny.
func Log1p(x float64) float64 {
	u := 1 + x
	if u == 1 {
		return x // x below half an ulp of 1: log1p(x) = x to within x²/2
	}
	if x > -1.0/128 && x < 1.0/128 {
		return x + log1pTail(x)
	}
	// 1 + x rounded to u; x − (u − 1) is the rounding error, exactly.
	return logPlus(u, x-(u-1))
}

// Pow returns x^y = exp(y·log x) for x > 0, to within a few ulp times
// |y·log x| (enough for the model's elasticities and trends).
func Pow(x, y float64) float64 {
	if y == 0 {
		return 1
	}
	return Exp(float64(y * Log(x)))
}

// expMin is the least x for which Exp(x) is not 0 (its result is the
// smallest normal float64 and above).
const expMin = -708.3964185322641

// ExpShift replaces every x[i] by Exp((x[i] − m)·s) and returns their sum
// (added in order), for x[i] ≤ m (−Inf allowed) and s > 0: the weights of
// a logit whose largest utility is m. It gives Exp's bits without a branch
// per element, so that a mix of feasible (finite) and infeasible (−Inf)
// alternatives costs no mispredictions.
func ExpShift(x []float64, m, s float64) float64 {
	sum := 0.0
	for i, u := range x {
		v := float64((u - m) * s)
		var keep uint64
		if v >= expMin {
			keep = ^uint64(0) // else the result underflows to 0, as in Exp
		}
		// Below expMin (−Inf included) the arithmetic gives garbage, with
		// no trap and an index still in the table; keep clears it to 0.
		e := math.Float64frombits(math.Float64bits(expPoly(expReduce(v))) & keep)
		x[i] = e
		sum += e
	}
	return sum
}

// ExpSlice replaces every x[i] by Exp(x[i]), bit for bit, with the loop
// body written out so that no call is made per element and independent
// elements overlap in the processor.
func ExpSlice(x []float64) {
	for i, v := range x {
		if !(v >= expMin && v <= 709.782712893384) {
			x[i] = Exp(v) // NaN, overflow, underflow
			continue
		}
		x[i] = expPoly(expReduce(v))
	}
}

// LogSlice replaces every x[i] by Log(x[i]), bit for bit, with the loop
// body written out (see ExpSlice).
func LogSlice(x []float64) { logSlice(x, false) }

// LogSliceShort replaces every x[i] by log(x[i]) to within 2^-44 (about
// 6e-14) absolute: LogSlice with the Taylor tail of log1p(r) cut after
// r^5 (|r| ≤ 1/128, so the first term left out, r^6/6, is below 2^-44).
// For the logarithms of consumption in the household's utilities, where a
// difference of 1e-13 is far below the taste shocks' scale and the
// shorter tail saves a quarter of the time (docs/ODD.md II.ix, elementary
// functions). Like LogSlice it is one sequence of operations on every
// processor.
func LogSliceShort(x []float64) { logSlice(x, true) }

// logSlice is LogSlice, or with short LogSliceShort: one loop, whose
// branch on short goes the same way for every element.
func logSlice(x []float64, short bool) {
	for i, v := range x {
		ix := math.Float64bits(v)
		if ix-0x0010000000000000 >= 0x7ff0000000000000-0x0010000000000000 {
			x[i] = Log(v) // zero, subnormal, negative, Inf or NaN
			continue
		}
		e, j, z := logSplit(ix)
		t := &logTab[j]
		r := float64((z - t.c) * t.invc)
		ef := float64(e)
		hi := float64(ef*ln2Hi) + t.logc
		r2 := float64(r * r)
		a := -0.5 + float64(r*(1.0/3))
		b := -0.25 + float64(r*(1.0/5))
		var tail float64
		if short {
			tail = float64(r2 * (a + float64(r2*b)))
		} else {
			r4 := float64(r2 * r2)
			c := -1.0/6 + float64(r*(1.0/7))
			tail = float64(r2*(a+float64(r2*b))) + float64(float64(r4*r2)*(c+float64(r2*(-1.0/8))))
		}
		x[i] = hi + (r + (tail + float64(ef*ln2Lo)))
	}
}
