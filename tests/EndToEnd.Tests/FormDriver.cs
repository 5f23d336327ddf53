using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;

namespace BalancFunctions.EndToEnd.Tests;

/// <summary>Fills the balance form with a sample balance's answers, with the mouse or with the keyboard alone.</summary>
public static class FormDriver
{
    /// <summary>Fills every answer and "not available" reason by clicking and typing, in the form's order.</summary>
    public static async Task FillWithMouseAsync(IPage page, SampleBalance sample)
    {
        foreach (JsonElement indicator in sample.Indicators())
        {
            string id = indicator.GetProperty("id").GetString()!;
            string type = indicator.GetProperty("type").GetString()!;
            if (sample.NotAvailable.TryGetProperty(id, out JsonElement reason) && await page.Locator($"#na-{id}").CountAsync() == 1)
            {
                await page.Locator($"label[for='na-{id}']").ClickAsync();
                await page.Locator($"#na-reason-{id}").FillAsync(reason.GetString()!);
                continue;
            }

            if (!sample.Answers.TryGetProperty(id, out JsonElement value) || !await page.Locator($"#field-{id}").IsVisibleAsync())
            {
                continue;
            }

            foreach (int index in OptionIndexes(indicator, type, value))
            {
                await page.Locator($"label[for='q-{id}-{index}']").ClickAsync();
            }

            switch (type)
            {
                case "int" or "decimal" or "pct" when value.ValueKind == JsonValueKind.Number:
                    await page.Locator($"#q-{id}").ClickAsync();
                    await page.Locator($"#q-{id}").FillAsync(TypedNumber(value));
                    break;
                case "text" when value.ValueKind == JsonValueKind.String:
                    await page.Locator($"#q-{id}").FillAsync(value.GetString()!);
                    break;
                case "period":
                    await page.Locator($"#q-{id}-0").FillAsync(value.GetProperty("from").GetString()!);
                    await page.Locator($"#q-{id}-1").FillAsync(value.GetProperty("to").GetString()!);
                    break;
                default:
                    break;
            }
        }
    }

    /// <summary>
    /// Fills the form and submits it with Tab, Space, the arrow keys, typing and Enter only. Dates
    /// are typed as day, month and year, the order of the ca-ES and es-ES locales.
    /// </summary>
    public static async Task FillWithKeyboardAsync(IPage page, SampleBalance sample)
    {
        foreach (JsonElement indicator in sample.Indicators())
        {
            string id = indicator.GetProperty("id").GetString()!;
            string type = indicator.GetProperty("type").GetString()!;
            if (sample.NotAvailable.TryGetProperty(id, out JsonElement reason))
            {
                await TabToAsync(page, $"#na-{id}");
                await page.Keyboard.PressAsync("Space");
                await TabToAsync(page, $"#na-reason-{id}");
                await page.Keyboard.TypeAsync(reason.GetString()!);
                continue;
            }

            if (!sample.Answers.TryGetProperty(id, out JsonElement value))
            {
                continue;
            }

            switch (type)
            {
                case "int" or "decimal" or "pct":
                    await TabToAsync(page, $"#q-{id}");
                    await page.Keyboard.TypeAsync(TypedNumber(value));
                    break;
                case "text":
                    await TabToAsync(page, $"#q-{id}");
                    await page.Keyboard.TypeAsync(value.GetString()!);
                    break;
                case "bool" or "likert5" or "select":
                    int option = OptionIndexes(indicator, type, value).Single();
                    await TabToAsync(page, $"input[name='{id}']");

                    // Tab lands on the checked radio of a group, or on its first; arrows move from there and wrap around.
                    string focused = await page.EvaluateAsync<string>("document.activeElement.id");
                    int current = int.Parse(focused[(focused.LastIndexOf('-') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
                    int count = await page.Locator($"input[name='{id}']").CountAsync();
                    int steps = ((option - current) % count + count) % count;
                    if (steps == 0)
                    {
                        await page.Keyboard.PressAsync("Space");
                    }

                    for (int step = 0; step < steps; step++)
                    {
                        await page.Keyboard.PressAsync("ArrowDown");
                    }

                    Assert.True(await page.Locator($"#q-{id}-{option}").IsCheckedAsync(), $"{id}: the keyboard did not select option {option}; focus is on {await page.EvaluateAsync<string>("document.activeElement.id")}");

                    break;
                case "multi":
                    foreach (int index in OptionIndexes(indicator, type, value))
                    {
                        await TabToAsync(page, $"#q-{id}-{index}");
                        await page.Keyboard.PressAsync("Space");
                    }

                    break;
                case "period":
                    await TypeDateAsync(page, $"#q-{id}-0", value.GetProperty("from").GetString()!);
                    await TypeDateAsync(page, $"#q-{id}-1", value.GetProperty("to").GetString()!);
                    break;
                default:
                    throw new InvalidOperationException($"No keyboard input for type {type}.");
            }
        }

        await TabToAsync(page, "#submit-button");
        await page.Keyboard.PressAsync("Enter");
    }

    /// <summary>Presses Tab until the focused element matches a selector.</summary>
    public static async Task TabToAsync(IPage page, string selector)
    {
        for (int presses = 0; presses < 400; presses++)
        {
            if (await page.EvaluateAsync<bool>("selector => document.activeElement?.matches(selector) === true", selector))
            {
                return;
            }

            await page.Keyboard.PressAsync("Tab");
        }

        throw new InvalidOperationException($"Tab never reached {selector} in 400 presses.");
    }

    /// <summary>Checks that the form shows every answer of the sample, as after restoring a draft.</summary>
    public static async Task AssertShowsAsync(IPage page, SampleBalance sample)
    {
        foreach (JsonElement indicator in sample.Indicators())
        {
            string id = indicator.GetProperty("id").GetString()!;
            string type = indicator.GetProperty("type").GetString()!;
            if (sample.NotAvailable.TryGetProperty(id, out JsonElement reason))
            {
                Assert.True(await page.Locator($"#na-{id}").IsCheckedAsync(), $"{id}: 'not available' is not checked");
                Assert.Equal(reason.GetString(), await page.Locator($"#na-reason-{id}").InputValueAsync());
                continue;
            }

            if (!sample.Answers.TryGetProperty(id, out JsonElement value))
            {
                continue;
            }

            foreach (int index in OptionIndexes(indicator, type, value))
            {
                Assert.True(await page.Locator($"#q-{id}-{index}").IsCheckedAsync(), $"{id}: option {index} is not checked");
            }

            switch (type)
            {
                case "int" or "decimal" or "pct":
                    Assert.Equal(TypedNumber(value), await page.Locator($"#q-{id}").InputValueAsync());
                    break;
                case "text":
                    Assert.Equal(value.GetString(), await page.Locator($"#q-{id}").InputValueAsync());
                    break;
                case "period":
                    Assert.Equal(value.GetProperty("from").GetString(), await page.Locator($"#q-{id}-0").InputValueAsync());
                    Assert.Equal(value.GetProperty("to").GetString(), await page.Locator($"#q-{id}-1").InputValueAsync());
                    break;
                default:
                    break;
            }
        }
    }

    /// <summary>A number as an entity types it: with a decimal comma.</summary>
    public static string TypedNumber(JsonElement value) => value.GetRawText().Replace('.', ',');

    /// <summary>The positions of the options that a choice answer selects; empty for other types or values the form cannot show.</summary>
    private static List<int> OptionIndexes(JsonElement indicator, string type, JsonElement value)
    {
        switch (type)
        {
            case "bool" when value.ValueKind is JsonValueKind.True or JsonValueKind.False:
                return [value.GetBoolean() ? 0 : 1];
            case "likert5" when value.ValueKind == JsonValueKind.Number && value.GetInt32() is >= 1 and <= 5:
                return [value.GetInt32() - 1];
            case "select" when value.ValueKind == JsonValueKind.String:
                int index = OptionCodes(indicator).IndexOf(value.GetString()!);
                return index < 0 ? [] : [index];
            case "multi" when value.ValueKind == JsonValueKind.Array:
                List<string> codes = OptionCodes(indicator);
                return [.. value.EnumerateArray().Select(code => codes.IndexOf(code.GetString()!)).Where(position => position >= 0).Distinct()];
            default:
                return [];
        }
    }

    private static List<string> OptionCodes(JsonElement indicator) =>
        [.. indicator.GetProperty("options").EnumerateArray().Select(option => option.GetProperty("code").GetString()!)];

    /// <summary>
    /// Types a date into a date input segment by segment. Chromium orders the segments by its own
    /// interface language, not the page's locale, so this tries month first, then day first.
    /// </summary>
    private static async Task TypeDateAsync(IPage page, string selector, string isoDate)
    {
        await TabToAsync(page, selector);
        DateOnly date = DateOnly.ParseExact(isoDate, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        foreach (string format in new[] { "MMddyyyy", "ddMMyyyy" })
        {
            await page.Keyboard.TypeAsync(date.ToString(format, CultureInfo.InvariantCulture));
            if (await page.Locator(selector).InputValueAsync() == isoDate)
            {
                return;
            }

            // Clears the three segments and goes back to the first one, by keyboard only.
            await page.Keyboard.PressAsync("Shift+Tab");
            await page.Keyboard.PressAsync("Tab");
            for (int segment = 0; segment < 3; segment++)
            {
                await page.Keyboard.PressAsync("Backspace");
                await page.Keyboard.PressAsync("Tab");
            }

            await TabToAsync(page, selector);
        }

        throw new InvalidOperationException($"Typing {isoDate} into {selector} gave '{await page.Locator(selector).InputValueAsync()}'.");
    }
}
