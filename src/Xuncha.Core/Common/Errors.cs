namespace Xuncha.Common;

/// <summary>A business rule or an illegal state change refused. Its message is for the user, in Chinese.</summary>
public class DomainException(string message) : Exception(message);

/// <summary>Bad input: one or more fields with a message each.</summary>
public sealed class ValidationException : DomainException
{
    public ValidationException(IReadOnlyDictionary<string, string[]> errors)
        : base(Messages.Error_Validation) => Errors = errors;

    public ValidationException(string field, string message)
        : this(new Dictionary<string, string[]> { [field] = [message] }) { }

    public IReadOnlyDictionary<string, string[]> Errors { get; }
}

/// <summary>Not there, or not visible to this actor: both answer 404 so that scope does not leak.</summary>
public sealed class NotFoundException(string? message = null) : DomainException(message ?? Messages.Error_NotFound);

public sealed class ForbiddenException(string? message = null) : DomainException(message ?? Messages.Error_Forbidden);

/// <summary>Someone else saved the record since it was read.</summary>
public sealed class ConcurrencyException() : DomainException(Messages.Error_Stale);

/// <summary>Collects field errors, then throws them all at once.</summary>
public sealed class Validator
{
    private readonly Dictionary<string, List<string>> _errors = new();

    public bool IsValid => _errors.Count == 0;

    /// <summary>Every problem found, by field.</summary>
    public IEnumerable<(string Field, string Message)> Problems => _errors.SelectMany(kv => kv.Value.Select(m => (kv.Key, m)));

    public Validator Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        list.Add(message);
        return this;
    }

    /// <summary>Trims, checks presence, length and characters (line breaks allowed); returns the clean value (null when blank).</summary>
    public string? Text(string field, string? value, int maxLength, bool required) => Checked(field, value, maxLength, required, multiline: true);

    /// <summary>As <see cref="Text"/>, for names, codes and titles: one line, no control character at all.</summary>
    public string? Line(string field, string? value, int maxLength, bool required) => Checked(field, value, maxLength, required, multiline: false);

    private string? Checked(string field, string? value, int maxLength, bool required, bool multiline)
    {
        if (TextRules.HasForbidden(value, multiline))
        {
            Add(field, multiline ? Messages.Error_ControlCharacters : Messages.Error_NotOneLine);
            return null;
        }
        var clean = value?.Trim();
        if (string.IsNullOrEmpty(clean))
        {
            if (required) Add(field, Messages.Error_Required);
            return null;
        }
        if (clean.Length > maxLength) Add(field, string.Format(Messages.Error_TooLong, maxLength));
        return clean;
    }

    public void ThrowIfInvalid()
    {
        if (!IsValid) throw new ValidationException(_errors.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray()));
    }
}
