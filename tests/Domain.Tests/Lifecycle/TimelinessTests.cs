using BalancFunctions.Domain.Calendar;
using BalancFunctions.Domain.Lifecycle;
using static BalancFunctions.Domain.Tests.Agreements.TestAgreements;

namespace BalancFunctions.Domain.Tests.Lifecycle;

public sealed class TimelinessTests
{
    [Theory]
    // Without a registry date the submission date decides.
    [InlineData("2025-01-15", null, "2025-01-15", null, true, "submission", "2025-01-15")]
    [InlineData("2025-01-15", null, "2025-01-16", null, false, "submission", "2025-01-16")]
    // The registry date decides once recorded, either way.
    [InlineData("2025-01-15", null, "2025-01-14", "2025-01-16", false, "registry", "2025-01-16")]
    [InlineData("2025-01-15", null, "2025-01-20", "2025-01-15", true, "registry", "2025-01-15")]
    // An extension moves the limit to its new date.
    [InlineData("2025-01-15", "2025-03-01", "2025-02-20", null, true, "submission", "2025-02-20")]
    [InlineData("2025-01-15", "2025-03-01", "2025-02-20", "2025-03-01", true, "registry", "2025-03-01")]
    [InlineData("2025-01-15", "2025-03-01", "2025-02-20", "2025-03-02", false, "registry", "2025-03-02")]
    public void Decide_Dates_UsesRegistryWhenSet(
        string dueDate, string? extendedTo, string submittedOn, string? registeredOn, bool onTime, string basis, string dateUsed)
    {
        var due = new DueDate(Date(dueDate), DueDateKind.Periodic, OptionalDate(extendedTo));

        TimelinessResult result = Timeliness.Decide(due, Date(submittedOn), OptionalDate(registeredOn));

        Assert.Equal(onTime, result.OnTime);
        Assert.Equal(basis, result.Basis);
        Assert.Equal(Date(dateUsed), result.DateUsed);
    }
}
