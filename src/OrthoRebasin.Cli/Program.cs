System.Console.WriteLine(OrthoRebasin.Probe.Sum());
