using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;

namespace Imap.Benchmarks;

/// <summary>The one configuration every benchmark here shares: memory diagnoser, median, throughput columns.</summary>
public sealed class BenchmarkConfig : ManualConfig
{
    public BenchmarkConfig()
    {
        Add(DefaultConfig.Instance);
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(StatisticColumn.Median);
        AddJob(Job.Default.WithWarmupCount(3).WithIterationCount(10));
        WithOptions(ConfigOptions.DisableOptimizationsValidator);
    }
}
