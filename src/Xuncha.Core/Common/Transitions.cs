namespace Xuncha.Common;

/// <summary>Status changes of workflow entities: a move is legal only from the listed states, else one domain exception.</summary>
public static class Transitions
{
    public static T Move<T>(T current, T to, string action, params T[] from) where T : struct, Enum
    {
        if (Array.IndexOf(from, current) < 0)
            throw new DomainException(string.Format(Messages.Transition_Illegal, Labels.Of(current), action));
        return to;
    }
}

/// <summary>The Chinese name of an enum value, from Messages ("{Type}_{Value}").</summary>
public static class Labels
{
    public static string Of<T>(T value) where T : struct, Enum =>
        Messages.ResourceManager.GetString($"{typeof(T).Name}_{value}", Messages.Culture) ?? value.ToString();

    public static string Label<T>(this T value) where T : struct, Enum => Of(value);
}
