using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;

namespace Imap.Benchmarks;

/// <summary>The one configuration every benchmark here shares: memory diagnoser and the median; jobs are set per class.</summary>
public sealed class BenchmarkConfig : ManualConfig
{
    public BenchmarkConfig()
    {
        Add(DefaultConfig.Instance);
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(StatisticColumn.Median);
        WithOptions(ConfigOptions.DisableOptimizationsValidator);
    }
}
