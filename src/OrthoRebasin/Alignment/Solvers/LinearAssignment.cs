using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace OrthoRebasin.Alignment.Solvers;

/// <summary>
/// Dense square linear assignment problem, solved exactly with Jonker–Volgenant (LAPJV: column reduction,
/// reduction transfer, two passes of augmenting row reduction, then shortest augmenting paths), O(n^3).
/// </summary>
public static class LinearAssignment
{
    /// <summary>
    /// Finds the permutation maximising <c>Σ_i cost[i, assignment[i]]</c>: row <c>i</c> is assigned column
    /// <c>assignment[i]</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The matrix is not square or holds a NaN or an infinity.</exception>
    public static int[] Maximize(double[,] cost)
    {
        ArgumentNullException.ThrowIfNull(cost);
        var n = cost.GetLength(0);
        if (cost.GetLength(1) != n)
        {
            throw new ArgumentException(
                $"The cost matrix must be square; it is {n}x{cost.GetLength(1)}.", nameof(cost));
        }

        // A rectangular array is one contiguous row-major block.
        var flat = MemoryMarshal.CreateReadOnlySpan(
            ref Unsafe.As<byte, double>(ref MemoryMarshal.GetArrayDataReference(cost)), cost.Length);
        return Maximize(flat, n);
    }

    /// <summary>
    /// Finds the permutation maximising <c>Σ_i rowMajor[i * n + assignment[i]]</c> for an <c>n</c>×<c>n</c>
    /// matrix stored row by row.
    /// </summary>
    /// <exception cref="ArgumentException">The span is not n×n long or holds a NaN or an infinity.</exception>
    public static int[] Maximize(ReadOnlySpan<double> rowMajor, int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        if (rowMajor.Length != (long)n * n)
        {
            throw new ArgumentException(
                $"A {n}x{n} matrix needs {(long)n * n} values; {rowMajor.Length} were given.", nameof(rowMajor));
        }

        var length = n * n;
        var negated = ArrayPool<double>.Shared.Rent(length);
        try
        {
            // The solver minimises; negating is exact in floating point, so no precision is lost.
            for (var k = 0; k < length; k++)
            {
                var value = rowMajor[k];
                if (!double.IsFinite(value))
                {
                    throw new ArgumentException(
                        $"The cost at row {k / n}, column {k % n} is {value}; costs must be finite.",
                        nameof(rowMajor));
                }

                negated[k] = -value;
            }

            return Minimize(negated.AsSpan(0, length), n);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(negated);
        }
    }

    /// <summary>The minimising LAPJV on finite costs, row-major.</summary>
    internal static int[] Minimize(ReadOnlySpan<double> cost, int n)
    {
        var rowToColumn = new int[n];
        if (n <= 1)
        {
            return rowToColumn;
        }

        var columnToRow = new int[n];
        var v = new double[n];
        var free = new int[n];

        var freeCount = ReduceColumns(cost, n, rowToColumn, columnToRow, v, free);
        for (var pass = 0; pass < 2 && freeCount > 0; pass++)
        {
            freeCount = AugmentingRowReduction(cost, n, rowToColumn, columnToRow, v, free, freeCount);
        }

        if (freeCount > 0)
        {
            Augment(cost, n, rowToColumn, columnToRow, v, free, freeCount);
        }

        return rowToColumn;
    }

    /// <summary>
    /// Column reduction and reduction transfer. Sets <c>v[j] = min_i cost[i, j]</c>, assigns each column's
    /// minimising row if that row is still free, then lowers the price of each singly matched row's column
    /// so that row's reduced cost is its second best. Returns the number of free rows, listed in <c>free</c>.
    /// </summary>
    private static int ReduceColumns(
        ReadOnlySpan<double> cost, int n, int[] rowToColumn, int[] columnToRow, double[] v, int[] free)
    {
        var matches = new int[n];
        for (var j = n - 1; j >= 0; j--)
        {
            var min = cost[j];
            var iMin = 0;
            for (var i = 1; i < n; i++)
            {
                var c = cost[(i * n) + j];
                if (c < min)
                {
                    min = c;
                    iMin = i;
                }
            }

            v[j] = min;
            if (++matches[iMin] == 1)
            {
                rowToColumn[iMin] = j;
                columnToRow[j] = iMin;
            }
            else
            {
                columnToRow[j] = -1;
            }
        }

        var freeCount = 0;
        for (var i = 0; i < n; i++)
        {
            if (matches[i] == 0)
            {
                free[freeCount++] = i;
            }
            else if (matches[i] == 1)
            {
                var j1 = rowToColumn[i];
                var row = cost.Slice(i * n, n);
                var min = double.PositiveInfinity;
                for (var j = 0; j < n; j++)
                {
                    if (j != j1)
                    {
                        var h = row[j] - v[j];
                        if (h < min)
                        {
                            min = h;
                        }
                    }
                }

                v[j1] -= min;
            }
        }

        return freeCount;
    }

    /// <summary>
    /// One pass of augmenting row reduction: each free row takes its cheapest column, raising that column's
    /// price to the row's second-best reduced cost and freeing its previous owner. Returns the rows still free.
    /// </summary>
    private static int AugmentingRowReduction(
        ReadOnlySpan<double> cost, int n, int[] rowToColumn, int[] columnToRow, double[] v, int[] free, int freeCount)
    {
        var previousFreeCount = freeCount;
        freeCount = 0;
        var k = 0;

        // Price wars can shrink their steps forever in floating point and cost 3x at n=2048 unbounded: cap them, let augmentation finish.
        var budget = 4L * n;
        while (k < previousFreeCount)
        {
            var i = free[k++];
            if (--budget < 0)
            {
                free[freeCount++] = i;
                continue;
            }

            var row = cost.Slice(i * n, n);
            var uMin = row[0] - v[0];
            var j1 = 0;
            var uSubMin = double.PositiveInfinity;
            var j2 = -1;
            for (var j = 1; j < n; j++)
            {
                var h = row[j] - v[j];
                if (h < uSubMin)
                {
                    if (h >= uMin)
                    {
                        uSubMin = h;
                        j2 = j;
                    }
                    else
                    {
                        uSubMin = uMin;
                        uMin = h;
                        j2 = j1;
                        j1 = j;
                    }
                }
            }

            var i0 = columnToRow[j1];
            var lowered = v[j1] - (uSubMin - uMin);

            // A strict price change is what makes the displaced row's immediate retry progress; a tie moves on.
            var strict = lowered < v[j1];
            if (strict)
            {
                v[j1] = lowered;
            }
            else if (i0 >= 0)
            {
                j1 = j2;
                i0 = columnToRow[j2];
            }

            rowToColumn[i] = j1;
            columnToRow[j1] = i;
            if (i0 >= 0)
            {
                if (strict)
                {
                    free[--k] = i0;
                }
                else
                {
                    free[freeCount++] = i0;
                }
            }
        }

        return freeCount;
    }

    /// <summary>
    /// Shortest augmenting paths (Dijkstra on reduced costs) from each remaining free row, with the price
    /// update that keeps every assigned row on its cheapest reduced cost.
    /// </summary>
    private static void Augment(
        ReadOnlySpan<double> cost, int n, int[] rowToColumn, int[] columnToRow, double[] v, int[] free, int freeCount)
    {
        var d = new double[n];
        var predecessor = new int[n];
        var columns = new int[n];
        ref var vRef = ref MemoryMarshal.GetArrayDataReference(v);
        ref var dRef = ref MemoryMarshal.GetArrayDataReference(d);
        ref var predRef = ref MemoryMarshal.GetArrayDataReference(predecessor);
        ref var colRef = ref MemoryMarshal.GetArrayDataReference(columns);
        ref var c2rRef = ref MemoryMarshal.GetArrayDataReference(columnToRow);
        ref var costRef = ref MemoryMarshal.GetReference(cost);

        for (var f = 0; f < freeCount; f++)
        {
            var freeRow = free[f];
            ref var freeRowRef = ref Unsafe.Add(ref costRef, freeRow * n);
            for (var j = 0; j < n; j++)
            {
                Unsafe.Add(ref dRef, j) = Unsafe.Add(ref freeRowRef, j) - Unsafe.Add(ref vRef, j);
                Unsafe.Add(ref predRef, j) = freeRow;
                Unsafe.Add(ref colRef, j) = j;
            }

            // columns[0..low) are scanned, [low..up) sit at the current minimum distance, [up..n) are still open.
            var low = 0;
            var up = 0;
            var last = 0;
            var min = 0.0;
            var endOfPath = -1;
            while (endOfPath < 0)
            {
                if (up == low)
                {
                    last = low - 1;
                    min = Unsafe.Add(ref dRef, Unsafe.Add(ref colRef, up++));
                    for (var k = up; k < n; k++)
                    {
                        var j = Unsafe.Add(ref colRef, k);
                        var h = Unsafe.Add(ref dRef, j);
                        if (h <= min)
                        {
                            if (h < min)
                            {
                                up = low;
                                min = h;
                            }

                            Unsafe.Add(ref colRef, k) = Unsafe.Add(ref colRef, up);
                            Unsafe.Add(ref colRef, up++) = j;
                        }
                    }

                    for (var k = low; k < up; k++)
                    {
                        var j = Unsafe.Add(ref colRef, k);
                        if (Unsafe.Add(ref c2rRef, j) < 0)
                        {
                            endOfPath = j;
                            break;
                        }
                    }

                    if (endOfPath >= 0)
                    {
                        break;
                    }
                }

                var j1 = Unsafe.Add(ref colRef, low++);
                var i = Unsafe.Add(ref c2rRef, j1);
                ref var rowRef = ref Unsafe.Add(ref costRef, i * n);
                var h1 = Unsafe.Add(ref rowRef, j1) - Unsafe.Add(ref vRef, j1) - min;
                for (var k = up; k < n; k++)
                {
                    var j = Unsafe.Add(ref colRef, k);
                    var v2 = Unsafe.Add(ref rowRef, j) - Unsafe.Add(ref vRef, j) - h1;
                    ref var dj = ref Unsafe.Add(ref dRef, j);
                    if (v2 < dj)
                    {
                        Unsafe.Add(ref predRef, j) = i;

                        // Rounding can put v2 an ulp under min; it still belongs to the minimum set.
                        if (v2 <= min)
                        {
                            if (Unsafe.Add(ref c2rRef, j) < 0)
                            {
                                dj = v2;
                                endOfPath = j;
                                break;
                            }

                            Unsafe.Add(ref colRef, k) = Unsafe.Add(ref colRef, up);
                            Unsafe.Add(ref colRef, up++) = j;
                        }

                        dj = v2;
                    }
                }
            }

            for (var k = 0; k <= last; k++)
            {
                var j = Unsafe.Add(ref colRef, k);
                Unsafe.Add(ref vRef, j) += Unsafe.Add(ref dRef, j) - min;
            }

            int row;
            do
            {
                row = predecessor[endOfPath];
                columnToRow[endOfPath] = row;
                (rowToColumn[row], endOfPath) = (endOfPath, rowToColumn[row]);
            }
            while (row != freeRow);
        }
    }
}
