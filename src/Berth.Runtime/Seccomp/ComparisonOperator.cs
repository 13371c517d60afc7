namespace Berth.Runtime.Seccomp;

/// <summary>The SCMP_CMP_* operators of a syscall argument comparison.</summary>
internal enum ComparisonOperator
{
    /// <summary>SCMP_CMP_NE: argument != value.</summary>
    NotEqual,

    /// <summary>SCMP_CMP_LT: argument &lt; value (unsigned).</summary>
    Less,

    /// <summary>SCMP_CMP_LE: argument &lt;= value (unsigned).</summary>
    LessOrEqual,

    /// <summary>SCMP_CMP_EQ: argument == value.</summary>
    Equal,

    /// <summary>SCMP_CMP_GE: argument &gt;= value (unsigned).</summary>
    GreaterOrEqual,

    /// <summary>SCMP_CMP_GT: argument &gt; value (unsigned).</summary>
    Greater,

    /// <summary>SCMP_CMP_MASKED_EQ: (argument &amp; value) == (valueTwo &amp; value).</summary>
    MaskedEqual,
}
