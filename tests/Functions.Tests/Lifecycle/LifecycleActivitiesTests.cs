using BalancFunctions.Tests.Support;
using BalancFunctions.Domain.Agreements;
using BalancFunctions.Functions.Lifecycle;
using BalancFunctions.Functions.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace BalancFunctions.Functions.Tests.Lifecycle;

/// <summary>The activities against Azurite and a real SMTP server: each side effect happens once, however often it is retried.</summary>
[Collection(StorageTestGroup.Name)]
public sealed class LifecycleActivitiesTests(StorageFixture fixture) : IAsyncLifetime
{
    private readonly string suffix = TestServices.UniqueSuffix();
    private ServiceProvider services = null!;

    public Task InitializeAsync()
    {
        ServiceCollection collection = new();
        TestServices.Configure(collection, fixture, this.suffix);
        this.services = collection.BuildServiceProvider();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await this.services.GetRequiredService<AgreementRepository>().Table.DeleteAsync();
        await this.services.DisposeAsync();
    }

    [Fact]
    public async Task SendReminder_Repeated_SendsOneEmail()
    {
        AgreementRepository repository = await TestServices.CreateRepositoryAsync(this.services);
        Agreement agreement = TestServices.Agreement("PC-R-" + this.suffix[1..7].ToUpperInvariant(), new DateOnly(2026, 1, 31), new DateOnly(2030, 1, 31));
        await TestServices.StoreAsync(repository, agreement);
        LifecycleActivities activities = this.services.GetRequiredService<LifecycleActivities>();
        ReminderRequest request = new(agreement.AgreementId, new DateOnly(2027, 1, 31), "D-7", DateTimeOffset.UtcNow);

        await activities.SendReminder(request);
        await activities.SendReminder(request);

        Assert.Single(fixture.Smtp.Matching(message => TestSmtpServer.IdStartsWith(message, agreement.AgreementId + ".reminder.20270131.D-7")));
        List<LogEntity> log = await repository.ListLogAsync(agreement.AgreementId, CancellationToken.None);
        LogEntity entry = Assert.Single(log);
        Assert.Equal("contact", entry.Recipients);
    }

    [Fact]
    public async Task EscalateOverdue_Repeated_NotifiesAndEscalatesOnce()
    {
        AgreementRepository repository = await TestServices.CreateRepositoryAsync(this.services);
        Agreement agreement = TestServices.Agreement("PC-E-" + this.suffix[1..7].ToUpperInvariant(), new DateOnly(2026, 1, 31), new DateOnly(2030, 1, 31));
        await TestServices.StoreAsync(repository, agreement);
        LifecycleActivities activities = this.services.GetRequiredService<LifecycleActivities>();
        EscalationRequest request = new(agreement.AgreementId, new DateOnly(2027, 1, 31));

        await activities.EscalateOverdue(request);
        await activities.EscalateOverdue(request);

        Assert.Single(fixture.Smtp.Matching(message => TestSmtpServer.IdStartsWith(message, agreement.AgreementId + ".overdue")));
        Assert.Single(fixture.Smtp.Matching(message => TestSmtpServer.IdStartsWith(message, agreement.AgreementId + ".escalation")));
        List<LogEntity> log = await repository.ListLogAsync(agreement.AgreementId, CancellationToken.None);
        Assert.Equal(["escalation", "overdue-notice"], log.Select(entry => entry.Kind).Order());
    }

    [Fact]
    public async Task PlanCycle_UnknownAgreement_IsFinished()
    {
        await TestServices.CreateRepositoryAsync(this.services);
        LifecycleActivities activities = this.services.GetRequiredService<LifecycleActivities>();

        var plan = await activities.PlanCycle("PC-NOT-THERE");

        Assert.True(plan.Finished);
    }
}
