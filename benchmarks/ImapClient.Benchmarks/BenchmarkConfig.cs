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

        // The generated project is built while other work may load the machine; two minutes (the default) is not
        // always enough, and a timed-out build reports no figures at all.
        WithBuildTimeout(TimeSpan.FromMinutes(10));
    }
}
