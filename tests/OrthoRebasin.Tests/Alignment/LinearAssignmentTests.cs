using OrthoRebasin.Alignment.Solvers;

namespace OrthoRebasin.Tests.Alignment;

public sealed class LinearAssignmentTests
{
    // Exact sums of costs that are small integers, or a sum of doubles compared within rounding.
    private const double Tolerance = 1e-9;

    public static TheoryData<int, int, int> SmallCases()
    {
        var data = new TheoryData<int, int, int>();
        for (var n = 1; n <= 7; n++)
        {
            // (size, seed, number of distinct values; 0 means continuous uniform costs)
            data.Add(n, 100 + n, 0);
            data.Add(n, 200 + n, 2);
            data.Add(n, 300 + n, 3);
            data.Add(n, 400 + n, 1);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SmallCases))]
    public void Maximize_matches_brute_force_optimum(int n, int seed, int levels)
    {
        // Given
        var random = new Random(seed);
        for (var trial = 0; trial < 40; trial++)
        {
            var cost = RandomCost(random, n, levels, negative: trial % 2 == 1);

            // When
            var assignment = LinearAssignment.Maximize(cost);

            // Then
            AssertPermutation(assignment, n);
            Assert.Equal(BruteForceOptimum(cost), Value(cost, assignment), Tolerance);
        }
    }

    [Theory]
    [InlineData(12, 0)]
    [InlineData(12, 2)]
    [InlineData(40, 0)]
    [InlineData(40, 3)]
    [InlineData(150, 0)]
    [InlineData(150, 1)]
    [InlineData(150, 10)]
    public void Maximize_matches_a_reference_hungarian_on_larger_matrices(int n, int levels)
    {
        // Given
        var random = new Random((n * 31) + levels);
        for (var trial = 0; trial < 10; trial++)
        {
            var cost = RandomCost(random, n, levels, negative: trial % 2 == 1);

            // When
            var assignment = LinearAssignment.Maximize(cost);

            // Then
            AssertPermutation(assignment, n);
            Assert.Equal(Value(cost, ReferenceHungarianMaximize(cost)), Value(cost, assignment), Tolerance * n);
        }
    }

    [Fact]
    public void Maximize_handles_duplicate_rows_and_all_equal_matrices()
    {
        // Given
        var duplicates = new double[,] { { 1, 5, 2, 5 }, { 1, 5, 2, 5 }, { 1, 5, 2, 5 }, { 0, 0, 9, 0 } };
        var allEqual = new double[6, 6];
        for (var i = 0; i < 6; i++)
        {
            for (var j = 0; j < 6; j++)
            {
                allEqual[i, j] = -3.25;
            }
        }

        // When
        var fromDuplicates = LinearAssignment.Maximize(duplicates);
        var fromAllEqual = LinearAssignment.Maximize(allEqual);

        // Then
        AssertPermutation(fromDuplicates, 4);
        Assert.Equal(BruteForceOptimum(duplicates), Value(duplicates, fromDuplicates));
        AssertPermutation(fromAllEqual, 6);
        Assert.Equal(6 * -3.25, Value(allEqual, fromAllEqual));
    }

    [Fact]
    public void Maximize_empty_and_single_matrices()
    {
        // Given
        var empty = new double[0, 0];
        var single = new double[,] { { -7.5 } };

        // When
        var fromEmpty = LinearAssignment.Maximize(empty);
        var fromSingle = LinearAssignment.Maximize(single);

        // Then
        Assert.Empty(fromEmpty);
        Assert.Equal([0], fromSingle);
    }

    [Theory]
    [InlineData(3, 11)]
    [InlineData(6, 12)]
    [InlineData(7, 13)]
    public void Maximize_adding_a_constant_to_a_row_keeps_the_assignment_optimal(int n, int seed)
    {
        // Given
        var random = new Random(seed);
        for (var trial = 0; trial < 20; trial++)
        {
            var cost = RandomCost(random, n, levels: trial % 3, negative: false);
            var shifted = (double[,])cost.Clone();
            var row = random.Next(n);
            var constant = (random.NextDouble() - 0.5) * 100;
            for (var j = 0; j < n; j++)
            {
                shifted[row, j] += constant;
            }

            // When
            var assignment = LinearAssignment.Maximize(shifted);

            // Then
            AssertPermutation(assignment, n);
            Assert.Equal(BruteForceOptimum(cost), Value(cost, assignment), Tolerance);
        }
    }

    [Theory]
    [InlineData(1, 21)]
    [InlineData(50, 22)]
    [InlineData(300, 23)]
    public void Maximize_recovers_a_planted_permutation(int n, int seed)
    {
        // Given
        var random = new Random(seed);
        var planted = Enumerable.Range(0, n).ToArray();
        random.Shuffle(planted);
        var cost = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                // Noise below 1 and a bonus of 1 on the planted entries: any other permutation loses a full bonus.
                cost[i, j] = random.NextDouble() * 0.5 / n + (planted[i] == j ? 1 : 0);
            }
        }

        // When
        var assignment = LinearAssignment.Maximize(cost);

        // Then
        Assert.Equal(planted, assignment);
    }

    [Fact]
    public void Maximize_agrees_on_both_overloads()
    {
        // Given
        var random = new Random(31);
        var cost = RandomCost(random, 40, levels: 0, negative: true);
        var flat = new double[40 * 40];
        for (var i = 0; i < 40; i++)
        {
            for (var j = 0; j < 40; j++)
            {
                flat[(i * 40) + j] = cost[i, j];
            }
        }

        // When
        var fromArray = LinearAssignment.Maximize(cost);
        var fromSpan = LinearAssignment.Maximize(flat, 40);

        // Then
        Assert.Equal(fromArray, fromSpan);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Maximize_rejects_non_finite_costs_naming_the_entry(double bad)
    {
        // Given
        var cost = new double[3, 3];
        cost[1, 2] = bad;

        // When
        var error = Assert.Throws<ArgumentException>(() => LinearAssignment.Maximize(cost));

        // Then
        Assert.Contains("row 1, column 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Maximize_rejects_non_square_matrices()
    {
        // Given
        var cost = new double[2, 3];

        // When
        var error = Assert.Throws<ArgumentException>(() => LinearAssignment.Maximize(cost));

        // Then
        Assert.Contains("2x3", error.Message, StringComparison.Ordinal);
    }

    private static double[,] RandomCost(Random random, int n, int levels, bool negative)
    {
        var cost = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var value = levels == 0 ? random.NextDouble() : random.Next(levels + 1);
                cost[i, j] = negative ? value - 1.5 : value;
            }
        }

        return cost;
    }

    private static double Value(double[,] cost, int[] assignment)
    {
        var sum = 0.0;
        for (var i = 0; i < assignment.Length; i++)
        {
            sum += cost[i, assignment[i]];
        }

        return sum;
    }

    private static double BruteForceOptimum(double[,] cost)
    {
        var n = cost.GetLength(0);
        var permutation = Enumerable.Range(0, n).ToArray();
        var best = double.NegativeInfinity;
        Permute(0);
        return best;

        void Permute(int depth)
        {
            if (depth == n)
            {
                best = Math.Max(best, Value(cost, permutation));
                return;
            }

            for (var k = depth; k < n; k++)
            {
                (permutation[depth], permutation[k]) = (permutation[k], permutation[depth]);
                Permute(depth + 1);
                (permutation[depth], permutation[k]) = (permutation[k], permutation[depth]);
            }
        }
    }

    /// <summary>The textbook O(n^3) Hungarian method with row and column potentials: an independent oracle.</summary>
    private static int[] ReferenceHungarianMaximize(double[,] cost)
    {
        var n = cost.GetLength(0);
        var u = new double[n + 1];
        var v = new double[n + 1];
        var owner = new int[n + 1];
        var way = new int[n + 1];
        for (var row = 1; row <= n; row++)
        {
            owner[0] = row;
            var j0 = 0;
            var minv = Enumerable.Repeat(double.PositiveInfinity, n + 1).ToArray();
            var used = new bool[n + 1];
            do
            {
                used[j0] = true;
                var i0 = owner[j0];
                var delta = double.PositiveInfinity;
                var j1 = 0;
                for (var j = 1; j <= n; j++)
                {
                    if (!used[j])
                    {
                        var reduced = -cost[i0 - 1, j - 1] - u[i0] - v[j];
                        if (reduced < minv[j])
                        {
                            minv[j] = reduced;
                            way[j] = j0;
                        }

                        if (minv[j] < delta)
                        {
                            delta = minv[j];
                            j1 = j;
                        }
                    }
                }

                for (var j = 0; j <= n; j++)
                {
                    if (used[j])
                    {
                        u[owner[j]] += delta;
                        v[j] -= delta;
                    }
                    else
                    {
                        minv[j] -= delta;
                    }
                }

                j0 = j1;
            }
            while (owner[j0] != 0);

            do
            {
                var j1 = way[j0];
                owner[j0] = owner[j1];
                j0 = j1;
            }
            while (j0 != 0);
        }

        var assignment = new int[n];
        for (var j = 1; j <= n; j++)
        {
            assignment[owner[j] - 1] = j - 1;
        }

        return assignment;
    }

    private static void AssertPermutation(int[] assignment, int n)
    {
        Assert.Equal(n, assignment.Length);
        Assert.Equal(Enumerable.Range(0, n), assignment.Order());
    }
}
