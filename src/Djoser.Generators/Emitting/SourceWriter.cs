using System;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace Djoser.Generators.Emitting
{
    /// <summary>An indent-aware text writer for generated C#: four spaces per level, <c>\n</c> line ends.</summary>
    internal sealed class SourceWriter
    {
        private const string IndentUnit = "    ";
        private readonly StringBuilder _builder = new StringBuilder();
        private int _indent;

        /// <summary>Writes one line at the current indent; a text with line breaks is re-indented line by line.</summary>
        public void WriteLine(string text)
        {
            if (text.IndexOf('\n') >= 0)
            {
                foreach (var line in text.Replace("\r\n", "\n").Split('\n'))
                {
                    WriteLine(line);
                }

                return;
            }

            if (text.Length > 0)
            {
                for (var i = 0; i < _indent; i++)
                {
                    _builder.Append(IndentUnit);
                }

                _builder.Append(text);
            }

            _builder.Append('\n');
        }

        /// <summary>Writes an empty line.</summary>
        public void WriteLine() => _builder.Append('\n');

        /// <summary>Writes <c>{</c> and indents.</summary>
        public void OpenBlock()
        {
            WriteLine("{");
            _indent++;
        }

        /// <summary>Unindents and writes <c>}</c> followed by <paramref name="suffix"/> (e.g. <c>;</c>).</summary>
        public void CloseBlock(string suffix = "")
        {
            Unindent();
            WriteLine("}" + suffix);
        }

        public void Indent() => _indent++;

        public void Unindent()
        {
            if (_indent == 0)
            {
                throw new InvalidOperationException("Unbalanced indentation.");
            }

            _indent--;
        }

        public SourceText ToSourceText() => SourceText.From(_builder.ToString(), Encoding.UTF8);

        public override string ToString() => _builder.ToString();
    }
}
