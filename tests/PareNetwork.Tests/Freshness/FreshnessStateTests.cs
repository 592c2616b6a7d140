using Microsoft.Extensions.Time.Testing;
using PareNetwork.Web.Domain;
using PareNetwork.Web.Freshness;

namespace PareNetwork.Tests.Freshness;

/// <summary>The states of a record through time, at the exact instants where they change.</summary>
public sealed class FreshnessStateTests
{
    private static readonly DateTime Confirmed = new(2027, 1, 15, 10, 0, 0, DateTimeKind.Utc);

    private static Structure Record(int frequency = 6, DateTime? confirmed = null)
    {
        var structure = new Structure { Name = "Fiche", UpdateFrequencyMonths = frequency };
        structure.Confirm(confirmed ?? Confirmed, "test");
        return structure;
    }

    [Fact]
    public void A_record_goes_from_up_to_date_to_due_late_and_obsolete_at_the_exact_instants()
    {
        var structure = Record();
        var clock = new FakeTimeProvider(new DateTimeOffset(Confirmed));
        var tick = TimeSpan.FromTicks(1);
        FreshnessState At(DateTime instant)
        {
            clock.SetUtcNow(new DateTimeOffset(instant));
            return structure.FreshnessAt(clock.GetUtcNow().UtcDateTime);
        }

        Assert.Equal(new DateTime(2027, 7, 15, 10, 0, 0, DateTimeKind.Utc), structure.ConfirmationDueAt);
        Assert.Equal(FreshnessState.AJour, At(Confirmed));
        Assert.Equal(FreshnessState.AJour, At(new DateTime(2027, 7, 15, 10, 0, 0, DateTimeKind.Utc) - tick));
        Assert.Equal(FreshnessState.AVerifier, At(new DateTime(2027, 7, 15, 10, 0, 0, DateTimeKind.Utc)));
        Assert.Equal(FreshnessState.AVerifier, At(new DateTime(2027, 8, 15, 10, 0, 0, DateTimeKind.Utc) - tick));
        Assert.Equal(FreshnessState.EnRetard, At(new DateTime(2027, 8, 15, 10, 0, 0, DateTimeKind.Utc)));
        Assert.Equal(FreshnessState.EnRetard, At(new DateTime(2028, 1, 15, 10, 0, 0, DateTimeKind.Utc) - tick));
        Assert.Equal(FreshnessState.Obsolete, At(new DateTime(2028, 1, 15, 10, 0, 0, DateTimeKind.Utc)));
        Assert.Equal(FreshnessState.Obsolete, At(new DateTime(2031, 1, 1, 0, 0, 0, DateTimeKind.Utc)));

        // A new confirmation starts again.
        structure.Confirm(new DateTime(2031, 1, 1, 0, 0, 0, DateTimeKind.Utc), "test");
        Assert.Equal(FreshnessState.AJour, At(new DateTime(2031, 1, 1, 0, 0, 0, DateTimeKind.Utc)));
    }

    [Fact]
    public void A_record_no_person_confirmed_is_never_confirmed_and_not_overdue_whenever_it_is_read()
    {
        var structure = new Structure { Name = "Fiche" };
        Assert.Null(structure.ConfirmationDueAt);
        Assert.Equal(FreshnessState.JamaisConfirmee, structure.FreshnessAt(new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc)));
        Assert.Equal(FreshnessState.JamaisConfirmee, structure.FreshnessAt(new DateTime(2040, 1, 1, 0, 0, 0, DateTimeKind.Utc)));
    }

    [Fact]
    public void The_update_frequency_moves_the_due_date_and_obsolescence_stays_at_twelve_months()
    {
        var quarterly = Record(frequency: 3);
        Assert.Equal(FreshnessState.AJour, quarterly.FreshnessAt(new DateTime(2027, 4, 15, 9, 59, 59, DateTimeKind.Utc)));
        Assert.Equal(FreshnessState.AVerifier, quarterly.FreshnessAt(new DateTime(2027, 4, 15, 10, 0, 0, DateTimeKind.Utc)));
        Assert.Equal(FreshnessState.EnRetard, quarterly.FreshnessAt(new DateTime(2027, 5, 15, 10, 0, 0, DateTimeKind.Utc)));

        // Yearly: due and obsolete on the same day; obsolete wins.
        var yearly = Record(frequency: 12);
        Assert.Equal(FreshnessState.AJour, yearly.FreshnessAt(new DateTime(2028, 1, 15, 9, 59, 59, DateTimeKind.Utc)));
        Assert.Equal(FreshnessState.Obsolete, yearly.FreshnessAt(new DateTime(2028, 1, 15, 10, 0, 0, DateTimeKind.Utc)));

        // At the end of a month, the due date is the last day of the shorter month.
        var endOfMonth = Record(frequency: 1, confirmed: new DateTime(2027, 1, 31, 12, 0, 0, DateTimeKind.Utc));
        Assert.Equal(new DateTime(2027, 2, 28, 12, 0, 0, DateTimeKind.Utc), endOfMonth.ConfirmationDueAt);
        Assert.Equal(FreshnessState.AVerifier, endOfMonth.FreshnessAt(new DateTime(2027, 2, 28, 12, 0, 0, DateTimeKind.Utc)));
        Assert.Equal(FreshnessState.EnRetard, endOfMonth.FreshnessAt(new DateTime(2027, 3, 28, 12, 0, 0, DateTimeKind.Utc)));
    }

    [Fact]
    public void State_codes_read_back_and_unknown_ones_are_refused()
    {
        Assert.All(FreshnessStateLabels.All, state => Assert.True(FreshnessStateLabels.TryParse(state.Code(), out var read) && read == state));
        Assert.Equal(["a-jour", "a-verifier", "en-retard", "obsolete", "jamais"], FreshnessStateLabels.All.Select(s => s.Code()));
        Assert.False(FreshnessStateLabels.TryParse("perimee", out _));
        Assert.False(FreshnessStateLabels.TryParse(null, out _));
    }
}
