using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace PareNetwork.Web.Contributions.Uploads;

/// <summary>
/// Keeps model binding from reading the form: the framework's form value providers would buffer the whole body
/// (up to the upload limit) before the handler runs, as soon as the handler has any parameter to bind.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class NoFormBindingAttribute : Attribute, IResourceFilter
{
    public void OnResourceExecuting(ResourceExecutingContext context)
    {
        var factories = context.ValueProviderFactories;
        factories.RemoveType<FormValueProviderFactory>();
        factories.RemoveType<FormFileValueProviderFactory>();
        factories.RemoveType<JQueryFormValueProviderFactory>();
    }

    public void OnResourceExecuted(ResourceExecutedContext context)
    {
    }
}
